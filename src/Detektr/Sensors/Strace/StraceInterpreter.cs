using System.Globalization;
using Detektr.Events;
using Detektr.Network;
using Detektr.Runs;

namespace Detektr.Sensors.Strace;

/// <summary>Turns a trace into events. Two passes over the file: the first links tasks into a process
/// tree (<see cref="ProcessLinker"/>), the second replays the calls against that tree, tracking each
/// process's image, working directory, user and sockets, and which paths exist.</summary>
internal sealed class StraceInterpreter
{
    private static readonly HashSet<string> RefusalErrnos = new(StringComparer.Ordinal) { "EACCES", "EPERM", "EROFS" };

    private readonly RunId _runId;
    private readonly Func<string, bool> _existedAtStart;
    private readonly Func<long, string> _userName;
    private readonly IReadOnlySet<string> _refused;
    private readonly Func<string, string?> _readFirstLine;
    private readonly Dictionary<int, TracedProcess> _tasks = [];
    private readonly Dictionary<string, bool> _exists = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SocketState> _sockets = new(StringComparer.Ordinal);
    private readonly HashSet<(string Socket, string Destination)> _datagramDestinations = [];
    private readonly HashSet<(long Pid, ushort Id, string Name, ushort Type)> _dnsSeen = [];
    private readonly StraceAnalysis _analysis = new();
    private ProcessLinker.Links _links = null!;
    private TracedProcess? _artifact;

    private sealed class SocketState
    {
        public string Family { get; init; } = "AF_INET";

        public string Protocol { get; init; } = "unknown";

        public SocketEndpoint? Remote { get; set; }
    }

    /// <summary>Creates an interpreter for one run.</summary>
    /// <param name="runId">Run id stamped on every event.</param>
    /// <param name="existedAtStart">Whether a sandbox path existed when the artifact started.</param>
    /// <param name="userName">Maps a uid to the name the sandbox's passwd gives it.</param>
    /// <param name="refusedSyscalls">Calls the seccomp policy refuses through the sensor.</param>
    /// <param name="readFirstLine">Returns the first line of a sandbox file as the run left it (or as the
    /// artifact was), so executed scripts can be reported with their interpreter; null when unknown.</param>
    public StraceInterpreter(RunId runId, Func<string, bool> existedAtStart, Func<long, string> userName,
        IReadOnlySet<string> refusedSyscalls, Func<string, string?>? readFirstLine = null)
    {
        _runId = runId;
        _existedAtStart = existedAtStart;
        _userName = userName;
        _refused = refusedSyscalls;
        _readFirstLine = readFirstLine ?? (_ => null);
    }

    /// <summary>Interprets the trace file at <paramref name="path"/>.</summary>
    public StraceAnalysis Interpret(string path, int pidMax)
    {
        using (var first = new StreamReader(path))
        {
            _links = ProcessLinker.Build(StraceRecords.Read(first), pidMax);
        }

        _analysis.UnlinkedTasks = _links.Unlinked;
        using (var second = new StreamReader(path))
        {
            foreach (var record in StraceRecords.Read(second))
            {
                Apply(record);
            }
        }

        _analysis.Processes = _tasks.Values.Count(t => t.Started && !t.IsThread);
        return _analysis;
    }

    /// <summary>Interprets trace text (used by tests with recorded traces).</summary>
    public StraceAnalysis InterpretText(string trace, int pidMax)
    {
        _links = ProcessLinker.Build(StraceRecords.Read(new StringReader(trace)), pidMax);
        _analysis.UnlinkedTasks = _links.Unlinked;
        foreach (var record in StraceRecords.Read(new StringReader(trace)))
        {
            Apply(record);
        }

        _analysis.Processes = _tasks.Values.Count(t => t.Started && !t.IsThread);
        return _analysis;
    }

    private TracedProcess Task(int pid)
    {
        if (_tasks.TryGetValue(pid, out var known))
        {
            return known;
        }

        var task = new TracedProcess(pid);
        task.Leader = task;
        if (_links.ByChild.TryGetValue(pid, out var link) && link.ParentHostPid != pid)
        {
            var creator = Task(link.ParentHostPid);
            var creatorLeader = creator.Leader;
            task.NamespacePid = link.NamespacePid;
            task.IsSandboxInit = link.IsSandboxInit;
            task.Image = creatorLeader.Image;
            task.CommandLine = creatorLeader.CommandLine;
            task.CurrentDirectory = creator.CurrentDirectory;
            task.Uid = creatorLeader.Uid;
            task.Started = creatorLeader.Started;
            if (link.IsThread)
            {
                task.Leader = creatorLeader;
                task.Parent = creatorLeader.Parent;
            }
            else
            {
                task.Parent = creatorLeader;
            }
        }

        _tasks[pid] = task;
        return task;
    }

    private void Apply(StraceLine record)
    {
        var task = Task(record.Pid);
        switch (record.Kind)
        {
            case StraceLineKind.Exited:
            case StraceLineKind.Killed:
                Terminate(task, record);
                return;
            case StraceLineKind.Call:
                Call(task, record);
                return;
        }
    }

    private void Terminate(TracedProcess task, StraceLine record)
    {
        if (task.IsThread || task.Exited)
        {
            return;
        }

        task.Exited = true;
        if (ReferenceEquals(task, _artifact))
        {
            _analysis.Root = record.Kind == StraceLineKind.Exited
                ? new RootOutcome(record.Status, null)
                : new RootOutcome(null, record.Signal);
        }

        if (!task.Started || task.NamespacePid is not { } pid)
        {
            return;
        }

        _analysis.Events.Add(new ProcessExitEvent
        {
            RunId = _runId,
            UtcTime = record.Time,
            Image = task.Image,
            ProcessId = pid,
            ExitCode = record.Kind == StraceLineKind.Exited ? record.Status : null,
            Signal = record.Kind == StraceLineKind.Killed ? record.Signal : null,
        });
    }

    private void Call(TracedProcess task, StraceLine record)
    {
        var name = record.Name!;
        var result = StraceResult.Parse(record.Result);
        var args = StraceSyntax.SplitTopLevel(record.Text ?? string.Empty);
        if (result.Injected && _refused.Contains(name))
        {
            if (task.Leader.Started && task.Leader.NamespacePid is { } blockedPid)
            {
                _analysis.BlockedCalls.Add(new BlockedCall(record.Time, name, task.Leader.Image, blockedPid));
            }

            // The attempt is still an event (a refused connect, a refused unlink), with outcome EPERM.
        }

        LearnWorkingDirectory(task, args);
        switch (name)
        {
            case "execve" or "execveat":
                Exec(task, record, args, result);
                return;
            case "chdir" when result.Succeeded && args.Count > 0 && StraceSyntax.DecodeText(args[0]) is { } dir:
                task.CurrentDirectory = FileSystemPaths.Resolve(task.CurrentDirectory, dir);
                return;
            case "fchdir" when result.Succeeded && args.Count > 0 && StraceSyntax.ParseDescriptor(args[0]).Decoration is { } fdDir:
                task.CurrentDirectory = fdDir;
                return;
            case "setuid" or "setreuid" or "setresuid" when result.Succeeded:
                SetUser(task, name, args);
                return;
        }

        if (!task.Leader.Started || task.Leader.NamespacePid is null)
        {
            return;
        }

        switch (name)
        {
            case "open" or "openat" or "openat2" or "creat":
                Open(task, record, name, args, result);
                break;
            case "unlink" or "unlinkat":
                Unlink(task, record, name, args, result);
                break;
            case "rename" or "renameat" or "renameat2":
                Rename(task, record, name, args, result);
                break;
            case "chmod" or "fchmod" or "fchmodat":
                Chmod(task, record, name, args, result);
                break;
            case "chown" or "lchown" or "fchown" or "fchownat":
                Chown(task, record, name, args, result);
                break;
            case "link" or "linkat" or "symlink" or "symlinkat":
                Link(task, record, name, args, result);
                break;
            case "truncate":
                if (args.Count > 0 && StraceSyntax.DecodeText(args[0]) is { } truncated)
                {
                    AddFileEvent(task, record, FileOperation.Write, FileSystemPaths.Resolve(task.CurrentDirectory, truncated), null, result);
                }

                break;
            case "socket":
                Socket(args, result);
                break;
            case "connect":
                Connect(task, record, args, result);
                break;
            case "sendto":
                SendTo(task, record, args, result);
                break;
            case "sendmsg":
                if (args.Count >= 2)
                {
                    SendMessage(task, record, args[0], args[1], result);
                }

                break;
            case "sendmmsg":
                if (args.Count >= 2)
                {
                    foreach (var message in StraceSyntax.SplitTopLevel(args[1].Trim().TrimStart('[').TrimEnd(']')))
                    {
                        var fields = StraceSyntax.ParseStruct(message);
                        if (fields.TryGetValue("msg_hdr", out var header))
                        {
                            SendMessage(task, record, args[0], header, result);
                        }
                    }
                }

                break;
        }
    }

    private static void LearnWorkingDirectory(TracedProcess task, List<string> args)
    {
        // *at() calls print the working directory next to AT_FDCWD; it is the authoritative value.
        foreach (var arg in args)
        {
            if (arg.StartsWith("AT_FDCWD<", StringComparison.Ordinal))
            {
                if (StraceSyntax.ParseDescriptor(arg).Decoration is { } cwd)
                {
                    task.CurrentDirectory = cwd;
                }

                return;
            }
        }
    }

    private void Exec(TracedProcess task, StraceLine record, List<string> args, StraceResult result)
    {
        if (!result.Succeeded || args.Count < 2)
        {
            return;
        }

        var leader = task.Leader;
        string? pathText;
        string? directory = task.CurrentDirectory;
        List<string> argv;
        var truncated = false;
        if (record.Name == "execveat")
        {
            directory = StraceSyntax.ParseDescriptor(args[0]).Decoration ?? directory;
            pathText = args.Count > 1 ? StraceSyntax.DecodeText(args[1]) : null;
            argv = args.Count > 2 ? StraceSyntax.ParseStringArray(args[2], out truncated) : [];
        }
        else
        {
            pathText = StraceSyntax.DecodeText(args[0]);
            argv = StraceSyntax.ParseStringArray(args[1], out truncated);
        }

        if (pathText is null)
        {
            return;
        }

        var image = FileSystemPaths.Resolve(directory, pathText);
        if (ScriptInterpreter(image) is { } interpreter)
        {
            // The kernel runs "#!INTERPRETER [ARG]" scripts as INTERPRETER [ARG] SCRIPT ARGS..., and that
            // is the image the process then runs (as Sysmon for Linux reports it).
            argv = [.. interpreter, image, .. argv.Skip(1)];
            image = interpreter[0];
        }

        var commandLine = string.Join(' ', argv) + (truncated ? " ..." : string.Empty);
        if (!leader.Started)
        {
            if (leader.Parent?.IsSandboxInit != true || _artifact is not null)
            {
                leader.Image = image;
                leader.CommandLine = commandLine;
                return;
            }

            leader.Started = true;
            _artifact = leader;
            _analysis.ArtifactStarted = true;
        }

        var parent = leader.Parent;
        _analysis.Events.Add(new ProcessCreationEvent
        {
            RunId = _runId,
            UtcTime = record.Time,
            Image = image,
            CommandLine = commandLine,
            ParentImage = parent?.Image,
            ParentCommandLine = parent is { IsSandboxInit: true } ? Path.GetFileName(parent.Image) : parent?.CommandLine,
            CurrentDirectory = task.CurrentDirectory,
            User = _userName(leader.Uid),
            ProcessId = leader.NamespacePid ?? 0,
            ParentProcessId = parent?.NamespacePid,
        });
        leader.Image = image;
        leader.CommandLine = commandLine;
    }

    private List<string>? ScriptInterpreter(string image)
    {
        var line = _readFirstLine(image);
        if (line is null || !line.StartsWith("#!", StringComparison.Ordinal))
        {
            return null;
        }

        var text = line[2..].Trim();
        var split = text.IndexOfAny([' ', '\t']);
        if (text.Length == 0)
        {
            return null;
        }

        return split < 0 ? [text] : [text[..split], text[(split + 1)..].Trim()];
    }

    private static void SetUser(TracedProcess task, string name, List<string> args)
    {
        var index = name == "setuid" ? 0 : 1;
        if (args.Count > index && long.TryParse(args[index], NumberStyles.Integer, CultureInfo.InvariantCulture, out var uid) && uid >= 0)
        {
            task.Leader.Uid = uid;
        }
    }

    private bool Exists(string path) => _exists.TryGetValue(path, out var known) ? known : _existedAtStart(path);

    private void Open(TracedProcess task, StraceLine record, string name, List<string> args, StraceResult result)
    {
        string? pathText;
        string? directory = task.CurrentDirectory;
        string flags;
        switch (name)
        {
            case "creat":
                pathText = args.Count > 0 ? StraceSyntax.DecodeText(args[0]) : null;
                flags = "O_WRONLY|O_CREAT|O_TRUNC";
                break;
            case "open":
                pathText = args.Count > 0 ? StraceSyntax.DecodeText(args[0]) : null;
                flags = args.Count > 1 ? args[1] : string.Empty;
                break;
            case "openat2":
                directory = args.Count > 0 ? StraceSyntax.ParseDescriptor(args[0]).Decoration ?? directory : directory;
                pathText = args.Count > 1 ? StraceSyntax.DecodeText(args[1]) : null;
                flags = args.Count > 2 ? StraceSyntax.ParseStruct(args[2]).GetValueOrDefault("flags", string.Empty) : string.Empty;
                break;
            default:
                directory = args.Count > 0 ? StraceSyntax.ParseDescriptor(args[0]).Decoration ?? directory : directory;
                pathText = args.Count > 1 ? StraceSyntax.DecodeText(args[1]) : null;
                flags = args.Count > 2 ? args[2] : string.Empty;
                break;
        }

        if (pathText is null || flags.Contains("O_TMPFILE", StringComparison.Ordinal) ||
            flags.Contains("O_DIRECTORY", StringComparison.Ordinal))
        {
            return;
        }

        var creates = flags.Contains("O_CREAT", StringComparison.Ordinal);
        var writes = flags.Contains("O_WRONLY", StringComparison.Ordinal) || flags.Contains("O_RDWR", StringComparison.Ordinal) ||
                     flags.Contains("O_TRUNC", StringComparison.Ordinal);
        if (!creates && !writes)
        {
            return;
        }

        var requested = FileSystemPaths.Resolve(directory, pathText);
        var path = result.Succeeded && result.Decoration is { } actual && actual.StartsWith('/') ? actual : requested;
        if (FileSystemPaths.IsPseudo(path) || FileSystemPaths.IsPseudo(requested))
        {
            return;
        }

        var existed = Exists(path);
        FileOperation operation;
        if (creates && !existed)
        {
            operation = FileOperation.Create;
        }
        else if (writes)
        {
            operation = FileOperation.Write;
        }
        else
        {
            return;
        }

        if (AddFileEvent(task, record, operation, path, null, result))
        {
            _exists[path] = true;
        }
    }

    private void Unlink(TracedProcess task, StraceLine record, string name, List<string> args, StraceResult result)
    {
        string? pathText;
        string? directory = task.CurrentDirectory;
        if (name == "unlinkat")
        {
            if (args.Count > 2 && args[2].Contains("AT_REMOVEDIR", StringComparison.Ordinal))
            {
                return;
            }

            directory = args.Count > 0 ? StraceSyntax.ParseDescriptor(args[0]).Decoration ?? directory : directory;
            pathText = args.Count > 1 ? StraceSyntax.DecodeText(args[1]) : null;
        }
        else
        {
            pathText = args.Count > 0 ? StraceSyntax.DecodeText(args[0]) : null;
        }

        if (pathText is null)
        {
            return;
        }

        var path = FileSystemPaths.Resolve(directory, pathText);
        if (AddFileEvent(task, record, FileOperation.Delete, path, null, result))
        {
            _exists[path] = false;
        }
    }

    private void Rename(TracedProcess task, StraceLine record, string name, List<string> args, StraceResult result)
    {
        string? from;
        string? to;
        if (name == "rename")
        {
            from = args.Count > 0 ? Resolve(task, null, args[0]) : null;
            to = args.Count > 1 ? Resolve(task, null, args[1]) : null;
        }
        else
        {
            from = args.Count > 1 ? Resolve(task, args[0], args[1]) : null;
            to = args.Count > 3 ? Resolve(task, args[2], args[3]) : null;
        }

        if (from is null || to is null)
        {
            return;
        }

        if (AddFileEvent(task, record, FileOperation.Rename, to, from, result))
        {
            _exists[from] = false;
            _exists[to] = true;
        }
    }

    private void Chmod(TracedProcess task, StraceLine record, string name, List<string> args, StraceResult result)
    {
        var (path, mode) = name switch
        {
            "chmod" => (args.Count > 0 ? Resolve(task, null, args[0]) : null, args.Count > 1 ? args[1] : null),
            "fchmod" => (args.Count > 0 ? StraceSyntax.ParseDescriptor(args[0]).Decoration : null, args.Count > 1 ? args[1] : null),
            _ => (args.Count > 1 ? Resolve(task, args[0], args[1]) : null, args.Count > 2 ? args[2] : null),
        };
        if (path is not null && path.StartsWith('/'))
        {
            AddFileEvent(task, record, FileOperation.Chmod, path, null, result, mode: NormalizeMode(mode));
        }
    }

    private void Chown(TracedProcess task, StraceLine record, string name, List<string> args, StraceResult result)
    {
        var (path, first) = name switch
        {
            "chown" or "lchown" => (args.Count > 0 ? Resolve(task, null, args[0]) : null, 1),
            "fchown" => (args.Count > 0 ? StraceSyntax.ParseDescriptor(args[0]).Decoration : null, 1),
            _ => (args.Count > 1 ? Resolve(task, args[0], args[1]) : null, 2),
        };
        if (path is null || !path.StartsWith('/'))
        {
            return;
        }

        var owner = args.Count > first + 1 ? $"{args[first]}:{args[first + 1]}" : null;
        AddFileEvent(task, record, FileOperation.Chown, path, null, result, owner: owner);
    }

    private void Link(TracedProcess task, StraceLine record, string name, List<string> args, StraceResult result)
    {
        var path = name switch
        {
            "link" => args.Count > 1 ? Resolve(task, null, args[1]) : null,
            "symlink" => args.Count > 1 ? Resolve(task, null, args[1]) : null,
            "symlinkat" => args.Count > 2 ? Resolve(task, args[1], args[2]) : null,
            _ => args.Count > 3 ? Resolve(task, args[2], args[3]) : null,
        };
        if (path is not null && AddFileEvent(task, record, FileOperation.Create, path, null, result))
        {
            _exists[path] = true;
        }
    }

    private static string? Resolve(TracedProcess task, string? directoryToken, string pathToken)
    {
        var text = StraceSyntax.DecodeText(pathToken);
        if (text is null)
        {
            return null;
        }

        var directory = directoryToken is null ? task.CurrentDirectory : StraceSyntax.ParseDescriptor(directoryToken).Decoration ?? task.CurrentDirectory;
        return FileSystemPaths.Resolve(directory, text);
    }

    private static string? NormalizeMode(string? mode)
    {
        if (mode is null)
        {
            return null;
        }

        var digits = mode.Trim().TrimStart('0');
        return "0" + (digits.Length == 0 ? "0" : digits).PadLeft(3, '0');
    }

    /// <summary>Adds a file event for a call that succeeded or was refused by permission; returns true
    /// when the call succeeded.</summary>
    private bool AddFileEvent(TracedProcess task, StraceLine record, FileOperation operation, string path,
        string? source, StraceResult result, string? mode = null, string? owner = null)
    {
        if (FileSystemPaths.IsPseudo(path))
        {
            return false;
        }

        string outcome;
        if (result.Succeeded)
        {
            outcome = FileEvent.Succeeded;
        }
        else if (result.Errno is { } errno && RefusalErrnos.Contains(errno))
        {
            outcome = errno;
        }
        else
        {
            return false;
        }

        _analysis.Events.Add(new FileEvent
        {
            RunId = _runId,
            UtcTime = record.Time,
            Operation = operation,
            TargetFilename = path,
            SourceFilename = source,
            Image = task.Leader.Image,
            ProcessId = task.Leader.NamespacePid ?? 0,
            Outcome = outcome,
            Mode = mode,
            Owner = owner,
        });
        return result.Succeeded;
    }

    private void Socket(List<string> args, StraceResult result)
    {
        if (!result.Succeeded || result.Decoration is null || args.Count < 2)
        {
            return;
        }

        var family = args[0];
        if (family is not ("AF_INET" or "AF_INET6"))
        {
            return;
        }

        var type = args[1];
        var protocol = args.Count > 2 ? args[2] : string.Empty;
        var name = protocol.Contains("ICMP", StringComparison.Ordinal) ? "icmp"
            : type.StartsWith("SOCK_STREAM", StringComparison.Ordinal) ? "tcp"
            : type.StartsWith("SOCK_DGRAM", StringComparison.Ordinal) ? "udp"
            : type.StartsWith("SOCK_RAW", StringComparison.Ordinal) ? "raw"
            : "unknown";
        _sockets[result.Decoration] = new SocketState { Family = family, Protocol = name };
    }

    private SocketState? SocketOf(string descriptorToken)
    {
        var decoration = StraceSyntax.ParseDescriptor(descriptorToken).Decoration;
        return decoration is not null && _sockets.TryGetValue(decoration, out var socket) ? socket : null;
    }

    private void Connect(TracedProcess task, StraceLine record, List<string> args, StraceResult result)
    {
        if (args.Count < 2 || !SocketEndpoint.TryParse(args[1], out var destination))
        {
            return;
        }

        var socket = SocketOf(args[0]);
        if (socket is not null)
        {
            socket.Remote = destination;
        }

        var outcome = result.Succeeded ? "success" : result.Errno == "EINPROGRESS" ? "in_progress" : result.Errno ?? "unknown";
        _analysis.Connections.Add(new ConnectionAttempt(record.Time, task.Leader.Image, task.Leader.NamespacePid ?? 0,
            socket?.Protocol ?? "unknown", destination.Address, destination.Port, outcome));
    }

    private void SendTo(TracedProcess task, StraceLine record, List<string> args, StraceResult result)
    {
        if (args.Count < 1)
        {
            return;
        }

        SocketEndpoint? destination = args.Count > 4 && SocketEndpoint.TryParse(args[4], out var explicitDestination)
            ? explicitDestination
            : null;
        Datagram(task, record, args[0], destination, args.Count > 1 ? [args[1]] : [], result);
    }

    private void SendMessage(TracedProcess task, StraceLine record, string descriptor, string header, StraceResult result)
    {
        var fields = StraceSyntax.ParseStruct(header);
        SocketEndpoint? destination = fields.TryGetValue("msg_name", out var name) && SocketEndpoint.TryParse(name, out var endpoint)
            ? endpoint
            : null;
        var payloads = new List<string>();
        if (fields.TryGetValue("msg_iov", out var vectors))
        {
            foreach (var vector in StraceSyntax.SplitTopLevel(vectors.Trim().TrimStart('[').TrimEnd(']')))
            {
                if (StraceSyntax.ParseStruct(vector).TryGetValue("iov_base", out var data))
                {
                    payloads.Add(data);
                }
            }
        }

        Datagram(task, record, descriptor, destination, payloads, result);
    }

    private void Datagram(TracedProcess task, StraceLine record, string descriptor, SocketEndpoint? destination,
        List<string> payloads, StraceResult result)
    {
        var socket = SocketOf(descriptor);
        if (socket is null)
        {
            return;
        }

        var target = destination ?? socket.Remote;
        if (target is not { } endpoint)
        {
            return;
        }

        var pid = task.Leader.NamespacePid ?? 0;
        if (destination is not null && _datagramDestinations.Add((StraceSyntax.ParseDescriptor(descriptor).Decoration ?? descriptor, $"{endpoint.Address}:{endpoint.Port}")))
        {
            var outcome = result.Succeeded ? "success" : result.Errno ?? "unknown";
            _analysis.Connections.Add(new ConnectionAttempt(record.Time, task.Leader.Image, pid, socket.Protocol,
                endpoint.Address, endpoint.Port, outcome));
        }

        if (endpoint.Port != 53)
        {
            return;
        }

        var bytes = new List<byte>();
        foreach (var payload in payloads)
        {
            if (StraceSyntax.TryDecodeString(payload, out var chunk, out _))
            {
                bytes.AddRange(chunk);
            }
        }

        if (DnsMessage.TryReadQuestion(bytes.ToArray(), out var question) &&
            _dnsSeen.Add((pid, question.Id, question.Name, question.Type)))
        {
            _analysis.DnsSends.Add(new DnsSend(record.Time, task.Leader.Image, pid, endpoint.Address, question));
        }
    }
}
