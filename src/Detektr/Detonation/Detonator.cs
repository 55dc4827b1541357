using System.Globalization;
using Detektr.Artifacts;
using Detektr.Changes;
using Detektr.Events;
using Detektr.Limits;
using Detektr.Network;
using Detektr.Persistence;
using Detektr.Runs;
using Detektr.Sandbox;
using Detektr.Sandbox.Seccomp;
using Detektr.Sensors.Strace;

namespace Detektr.Detonation;

/// <summary>Detonates artifacts and commands in short-lived sandboxes and writes each run's directory:
/// <c>manifest.json</c>, <c>events.jsonl</c>, <c>changes.jsonl</c>, <c>network.jsonl</c>, <c>files/</c>,
/// <c>stdout.txt</c>, <c>stderr.txt</c> and the raw trace. Runs are independent and may run in parallel.</summary>
public sealed class Detonator : IDisposable
{
    private const string ToolName = "detektr";
    private static readonly string ToolVersion =
        typeof(Detonator).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    private readonly DetonatorOptions _options;
    private readonly Dictionary<string, RunLedger> _ledgers = new(StringComparer.Ordinal);

    /// <summary>Creates a detonator.</summary>
    public Detonator(DetonatorOptions? options = null) => _options = options ?? new DetonatorOptions();

    /// <summary>Closes the run stores' ledgers (each is held open while the detonator lives).</summary>
    public void Dispose()
    {
        lock (_ledgers)
        {
            foreach (var ledger in _ledgers.Values)
            {
                ledger.Dispose();
            }

            _ledgers.Clear();
        }
    }

    private RunLedger LedgerOf(string runsDirectory)
    {
        lock (_ledgers)
        {
            if (!_ledgers.TryGetValue(runsDirectory, out var ledger))
            {
                ledger = new RunLedger(runsDirectory, _options.Time);
                _ledgers[runsDirectory] = ledger;
            }

            return ledger;
        }
    }

    /// <summary>Runs <paramref name="request"/> to completion and returns what it recorded. A run that hits
    /// a limit or the deadline is killed and still recorded, with the reason.</summary>
    /// <exception cref="InvalidDetonationException">The request cannot be detonated as given.</exception>
    /// <exception cref="SandboxUnavailableException">This machine cannot build the sandbox.</exception>
    public async Task<RunResult> RunAsync(DetonationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var time = _options.Time;
        var plan = Plan(request);
        var host = HostEnvironment.Current;
        var problems = host.SandboxProblems().ToList();
        if (request.Sensor == SensorKind.Strace)
        {
            problems.AddRange(host.SensorProblems());
        }

        if (request.Network == NetworkMode.Sinkhole)
        {
            problems.AddRange(host.SinkholeProblems());
        }

        if (problems.Count > 0)
        {
            throw new SandboxUnavailableException(string.Join("; ", problems));
        }

        StaleRunSweeper.SweepOnce(host);
        var runId = RunId.New(time);
        var runsDirectory = Path.GetFullPath(request.RunsDirectory ?? _options.RunsDirectory);
        var runDirectory = Path.GetFullPath(request.OutputDirectory ?? Path.Join(runsDirectory, runId.Value));
        if (Directory.Exists(runDirectory) && Directory.EnumerateFileSystemEntries(runDirectory).Any())
        {
            throw new InvalidDetonationException($"run directory '{runDirectory}' already exists and is not empty");
        }

        Directory.CreateDirectory(runDirectory);
        var scratch = ScratchDirectory(runId, runDirectory);
        SandboxLayer? layer = null;
        RunCgroups? cgroups = null;
        SinkholeNetwork? network = null;
        Sink? sink = null;
        UserNamespaceHolder? users = null;
        var completed = false;
        try
        {
            _options.Progress?.Report("preparing the sandbox");
            // The user namespace helper starts first: it comes up while the layer is prepared.
            users = UserNamespaceHolder.Start(host.UnsharePath!);
            layer = SandboxLayer.Create(scratch);
            StaleRunSweeper.ClaimScratch(scratch);
            foreach (var fresh in SandboxLayer.DefaultFreshDirectories)
            {
                layer.AddFreshDirectory(fresh);
            }

            SeedHome(layer);
            if (plan.Artifact is { } artifact)
            {
                layer.SeedFile(plan.ArtifactSandboxPath!, artifact.HostPath,
                    UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
                    UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            }

            foreach (var masked in MaskedPaths(runDirectory, layer))
            {
                layer.Mask(masked);
            }

            var resolver = Path.Join(scratch, "resolv.conf");
            var nameserver = request.Network == NetworkMode.Sinkhole ? SinkholeAddressing.SinkAddress.ToString() : "127.0.0.1";
            File.WriteAllText(resolver, $"nameserver {nameserver}\noptions attempts:1 timeout:2\n");

            var traced = request.Sensor == SensorKind.Strace;
            var refused = traced ? SeccompFilterBuilder.TracedDenials(plan.Seccomp) : [];
            var seccompFile = Path.Join(scratch, "seccomp.bpf");
            await File.WriteAllBytesAsync(seccompFile, SeccompFilterBuilder.Build(plan.Seccomp, traced), cancellationToken).ConfigureAwait(false);

            cgroups = RunCgroups.Create(host.Cgroups, runId, request.Limits);
            users.EnsureMapped();
            if (request.Network == NetworkMode.Sinkhole)
            {
                _options.Progress?.Report("starting the sinkhole");
                network = SinkholeNetwork.Create(runId, host.IpPath!, host.NftPath!, host.NsenterPath!, scratch);
                sink = Sink.Start(network.SinkNamespacePath, time);
            }

            var tracePath = Path.Join(scratch, "trace.strace");
            var spec = new SandboxSpecification
            {
                Host = host,
                Layer = layer,
                Command = plan.Command,
                WorkingDirectory = request.WorkingDirectory,
                Hostname = request.Hostname,
                Environment = plan.Environment,
                Network = request.Network,
                NetworkNamespacePath = network?.SandboxNamespacePath,
                ResolverConfiguration = resolver,
                UserNamespacePath = users.NamespacePath,
                ReadOnlyPaths = request.ReadOnlyPaths,
                SeccompProgram = seccompFile,
                CgroupProcessFiles = cgroups.ProcessFiles.ToList(),
                SensorArguments = traced ? StraceSensor.Arguments(tracePath, refused) : null,
                ChainStatusFile = Path.Join(scratch, "chain.status"),
                WaitForDescendants = !request.ExitWithArtifact,
                InfoFile = Path.Join(scratch, "info.json"),
                StatusFile = Path.Join(scratch, "status.json"),
            };
            var argv = LaunchScripts.Write(spec);

            _options.Progress?.Report("running");
            var startedUtc = time.GetUtcNow();
            var (exit, outputs) = await SandboxSupervisor.RunAsync(argv, spec, cgroups, request.Limits,
                traced ? tracePath : null, Path.Join(runDirectory, "stdout.txt"), Path.Join(runDirectory, "stderr.txt"),
                time, cancellationToken).ConfigureAwait(false);

            IReadOnlyList<NetworkRecord> records = [];
            var warnings = new List<string>();
            if (sink is not null)
            {
                records = sink.Records();
                if (sink.Dropped > 0)
                {
                    warnings.Add($"the sink dropped {sink.Dropped} records beyond its bound of {Sink.MaxRecords}");
                }

                await sink.DisposeAsync().ConfigureAwait(false);
                sink = null;
            }

            network?.Dispose();
            network = null;
            if (!exit.Started)
            {
                var diagnostics = File.Exists(outputs.Stderr.Path) ? (await File.ReadAllTextAsync(outputs.Stderr.Path, CancellationToken.None).ConfigureAwait(false)).Trim() : string.Empty;
                throw new SandboxUnavailableException(
                    $"the sandbox did not start (launcher exit code {exit.ChainExitCode}): {(diagnostics.Length == 0 ? "no diagnostics" : diagnostics)}");
            }

            _options.Progress?.Report("recording");
            var usage = cgroups.ReadUsage();
            StraceAnalysis? analysis = null;
            if (traced && File.Exists(tracePath))
            {
                var accounts = UserNames(layer);
                analysis = new StraceInterpreter(runId, layer.ExistedAtStart,
                        uid => accounts.TryGetValue(uid, out var name) ? name : uid.ToString(CultureInfo.InvariantCulture),
                        refused.ToHashSet(StringComparer.Ordinal), path => FirstLine(layer, plan, path))
                    .Interpret(tracePath, ProcessLinker.ReadPidMax());
                if (analysis.UnlinkedTasks > 0)
                {
                    warnings.Add($"{analysis.UnlinkedTasks} task(s) could not be placed in the process tree; their events are missing");
                }
            }

            var written = new List<DetektrEvent>();
            using (var writer = new EventsWriter(Path.Join(runDirectory, EventsReader.FileName)))
            {
                foreach (var evt in EventAssembler.Assemble(runId, analysis, records))
                {
                    written.Add(writer.Write(evt));
                }
            }

            var changes = LayerDiff.Compute(layer);
            // Copies may be malware: only root may read them.
            var filesDirectory = Path.Join(runDirectory, "files");
            Directory.CreateDirectory(filesDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var (copiedChanges, copies) = LayerDiff.CopyFiles(changes, layer, runDirectory, filesDirectory,
                request.Limits.MaxFileCopyBytes, request.Limits.MaxTotalCopyBytes);
            ChangesLog.Write(Path.Join(runDirectory, ChangesLog.FileName), copiedChanges);
            NetworkLog.Write(Path.Join(runDirectory, NetworkLog.FileName), records);
            var findings = PersistenceClassifier.Classify(copiedChanges, ReadHostText, path => ReadText(layer.UpperPath(path)), written);

            if (traced && _options.KeepRawTrace && File.Exists(tracePath))
            {
                File.Move(tracePath, Path.Join(runDirectory, "trace.strace"));
            }

            var manifest = BuildManifest(runId, request, plan, host, layer, cgroups, usage, exit, analysis, written,
                copiedChanges, records, findings, outputs, copies, warnings, startedUtc, time.GetUtcNow(), refused);
            ManifestJson.Write(runDirectory, manifest);
            completed = true;
            LedgerReceipt? receipt = null;
            string? ledgerProblem = null;
            if (_options.RecordInLedger)
            {
                try
                {
                    receipt = LedgerOf(runsDirectory).Append(runDirectory, manifest);
                    await File.WriteAllTextAsync(Path.Join(runDirectory, "ledger.json"), RunLedger.Describe(receipt), CancellationToken.None).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Tracehound.Ledger.LedgerIntegrityException or InvalidOperationException)
                {
                    // The run is complete and stays; it is only missing from the log, which is reported.
                    ledgerProblem = $"the run was not recorded in the ledger {Path.Join(runsDirectory, RunLedger.FolderName)}: {ex.Message}";
                }
            }

            return new RunResult
            {
                RunId = runId, Directory = runDirectory, Manifest = manifest, Events = written,
                Changes = copiedChanges, Network = records, Ledger = receipt, LedgerProblem = ledgerProblem,
            };
        }
        finally
        {
            if (sink is not null)
            {
                await sink.DisposeAsync().ConfigureAwait(false);
            }

            network?.Dispose();
            users?.Dispose();
            cgroups?.KillAll();
            cgroups?.Remove();
            TryDelete(scratch);
            if (!completed)
            {
                TryDelete(runDirectory);
            }
        }
    }

    /// <summary>Where the writable layer and the launch files live: on a tmpfs when /dev/shm is one (fast
    /// to create and delete, and the sandbox's writes are charged to its memory cgroup, so the memory
    /// limit also bounds how much it can write), else inside the run directory. /dev/shm is writable by
    /// everyone, so the layers go in a root-owned 0700 directory there, never straight into it.</summary>
    private string ScratchDirectory(RunId runId, string runDirectory)
    {
        if (_options.ScratchDirectory is { } configured)
        {
            return Path.Join(Path.GetFullPath(configured), "detektr-" + runId.Value);
        }

        var onTmpfs = File.ReadLines("/proc/self/mounts")
            .Select(line => line.Split(' '))
            .Any(fields => fields.Length > 2 && fields[1] == "/dev/shm" && fields[2] == "tmpfs");
        if (onTmpfs && PrivateDirectory(StaleRunSweeper.SharedMemoryRoot))
        {
            return Path.Join(StaleRunSweeper.SharedMemoryRoot, runId.Value);
        }

        return Path.Join(runDirectory, ".sandbox");
    }

    /// <summary>Creates <paramref name="path"/> as a 0700 directory, or checks that the one there is a real
    /// directory owned by root with no access for anyone else.</summary>
    private static bool PrivateDirectory(string path)
    {
        try
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }

        if (Native.FileStatus.Of(path) is not { Kind: Native.FileKind.Directory, Uid: 0 } status)
        {
            return false;
        }

        if ((status.Permissions & 0x3F) != 0)
        {
            // Root's own directory, merely too open: tighten it.
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return true;
    }

    private sealed record RunPlan(
        ArtifactInfo? Artifact,
        string? ArtifactSandboxPath,
        IReadOnlyList<string> Command,
        IReadOnlyDictionary<string, string> Environment,
        SeccompPolicy Seccomp);

    private static RunPlan Plan(DetonationRequest request)
    {
        try
        {
            request.Limits.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new InvalidDetonationException(ex.Message, ex);
        }

        if (request.Hostname.Length is 0 or > 64 || !request.Hostname.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.'))
        {
            throw new InvalidDetonationException($"'{request.Hostname}' is not a valid hostname (letters, digits, '-' and '.', at most 64)");
        }

        if (!request.WorkingDirectory.StartsWith('/'))
        {
            throw new InvalidDetonationException($"the working directory must be an absolute sandbox path, got '{request.WorkingDirectory}'");
        }

        foreach (var path in request.ReadOnlyPaths)
        {
            if (!path.StartsWith('/') || path.Contains("/../", StringComparison.Ordinal) || path.EndsWith("/..", StringComparison.Ordinal))
            {
                throw new InvalidDetonationException($"read-only paths must be absolute sandbox paths, got '{path}'");
            }

            if (!Path.Exists(path))
            {
                throw new InvalidDetonationException($"read-only path '{path}' does not exist in the sandbox's root");
            }
        }

        SeccompPolicy seccomp;
        try
        {
            seccomp = SeccompPolicy.Default.WithAdditionalDenials(request.DeniedSyscalls);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidDetonationException(ex.Message, ex);
        }

        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = ArtifactInspector.SandboxPath,
            ["HOME"] = "/root",
            ["USER"] = "root",
            ["LOGNAME"] = "root",
            ["SHELL"] = "/bin/sh",
            ["TERM"] = "xterm",
            ["LANG"] = "C.UTF-8",
        };
        foreach (var (name, value) in request.Environment)
        {
            if (name.Length == 0 || name.Contains('=', StringComparison.Ordinal) || name.Contains('\0', StringComparison.Ordinal) ||
                value.Contains('\0', StringComparison.Ordinal))
            {
                throw new InvalidDetonationException($"invalid environment variable '{name}'");
            }

            environment[name] = value;
        }

        if (request.ArtifactPath is null)
        {
            if (request.Arguments.Count == 0 || string.IsNullOrEmpty(request.Arguments[0]))
            {
                throw new InvalidDetonationException("nothing to run: give an artifact or a command");
            }

            return new RunPlan(null, null, request.Arguments, environment, seccomp);
        }

        var inspection = ArtifactInspector.Inspect(request.ArtifactPath, request.ArtifactKind);
        if (inspection.Artifact is not { } artifact)
        {
            throw new InvalidDetonationException(inspection.Problem!);
        }

        var sandboxPath = "/tmp/" + artifact.FileName;
        var command = new List<string>();
        if (!artifact.HasShebang && artifact.Kind != ArtifactKind.Elf)
        {
            command.Add(artifact.Interpreter!);
        }

        command.Add(sandboxPath);
        command.AddRange(request.Arguments);
        return new RunPlan(artifact, sandboxPath, command, environment, seccomp);
    }

    private static void SeedHome(SandboxLayer layer)
    {
        if (!Directory.Exists("/etc/skel"))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles("/etc/skel"))
        {
            if (Native.FileStatus.Of(file) is { Kind: Native.FileKind.Regular })
            {
                layer.SeedFile("/root/" + Path.GetFileName(file), file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            }
        }
    }

    /// <summary>The run directory and its parent (the run store) are hidden from the sandbox, so a sample
    /// can read neither its own layer nor earlier runs.</summary>
    private static IEnumerable<string> MaskedPaths(string runDirectory, SandboxLayer layer)
    {
        var candidates = new List<string> { runDirectory };
        var parent = Path.GetDirectoryName(runDirectory);
        if (parent is not null && parent.Count(c => c == '/') >= 2)
        {
            candidates.Insert(0, parent);
        }

        foreach (var candidate in candidates)
        {
            if (layer.FreshDirectoryOf(candidate) is null && Directory.Exists(candidate))
            {
                yield return candidate;
                yield break;
            }
        }
    }

    private static Dictionary<long, string> UserNames(SandboxLayer layer)
    {
        var names = new Dictionary<long, string> { [0] = "root" };
        var passwd = File.Exists(layer.UpperPath("/etc/passwd")) ? layer.UpperPath("/etc/passwd") : "/etc/passwd";
        foreach (var line in ReadText(passwd)?.Split('\n') ?? [])
        {
            var fields = line.Split(':');
            if (fields.Length > 2 && long.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var uid))
            {
                names.TryAdd(uid, fields[0]);
            }
        }

        return names;
    }

    private static string? ReadHostText(string path) => ReadText(path);

    /// <summary>The first line of a sandbox file: from the writable layer if the run changed it, from the
    /// artifact if it is the artifact's path, else from the host (the layer's lower half).</summary>
    private static string? FirstLine(SandboxLayer layer, RunPlan plan, string sandboxPath)
    {
        string? source = null;
        if (File.Exists(layer.UpperPath(sandboxPath)))
        {
            source = layer.UpperPath(sandboxPath);
        }
        else if (plan.Artifact is { } artifact && sandboxPath == plan.ArtifactSandboxPath)
        {
            source = artifact.HostPath;
        }
        else if (layer.FreshDirectoryOf(sandboxPath) is null && !layer.MaskedPaths.Any(m => sandboxPath.StartsWith(m + "/", StringComparison.Ordinal)))
        {
            source = sandboxPath;
        }

        if (source is null)
        {
            return null;
        }

        try
        {
            using var stream = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            var buffer = new byte[256];
            var count = stream.Read(buffer);
            if (count < 2 || buffer[0] != '#' || buffer[1] != '!')
            {
                return null;
            }

            var end = Array.IndexOf(buffer, (byte)'\n', 0, count);
            return System.Text.Encoding.UTF8.GetString(buffer, 0, end < 0 ? count : end);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string? ReadText(string path)
    {
        try
        {
            var info = new FileInfo(path);
            return info.Exists && info.Length <= 4 * 1024 * 1024 ? File.ReadAllText(path) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A busy overlay work directory cannot always be removed at once; it holds no evidence.
        }
    }

    private static RunManifest BuildManifest(RunId runId, DetonationRequest request, RunPlan plan, HostEnvironment host,
        SandboxLayer layer, RunCgroups cgroups, ResourceUsage usage, SandboxExit exit, StraceAnalysis? analysis,
        List<DetektrEvent> events, List<FileChange> changes, IReadOnlyList<NetworkRecord> records,
        IReadOnlyList<PersistenceFinding> findings, SandboxSupervisor.Outputs outputs, CopySummary copies,
        List<string> warnings, DateTimeOffset started, DateTimeOffset ended, IReadOnlyList<string> refused)
    {
        var namespaces = new List<string> { "user", "pid", "mount", "net", "ipc", "uts", "cgroup" };
        var traced = request.Sensor == SensorKind.Strace;
        var termination = Terminate(exit, analysis, request.Limits, traced);
        if (traced && analysis is { ArtifactStarted: false })
        {
            warnings.Add("the sensor did not see the artifact start (the exec failed or the run was killed before it)");
        }

        var blocked = (analysis?.BlockedCalls ?? [])
            .GroupBy(b => (b.Syscall, b.Image, b.ProcessId))
            .Select(g => new BlockedSyscallSummary(g.Key.Syscall, g.Key.Image, g.Key.ProcessId, g.Count(), g.Min(b => b.Time)))
            .OrderBy(b => b.FirstUtc)
            .ToList();
        var fileEvents = events.OfType<FileEvent>().ToList();
        return new RunManifest
        {
            RunId = runId.Value,
            Tool = $"{ToolName} {ToolVersion}",
            Artifact = plan.Artifact is { } a
                ? new ManifestArtifact
                {
                    HostPath = a.HostPath, SandboxPath = plan.ArtifactSandboxPath!, Kind = a.KindName, Description = a.Description,
                    Sha256 = a.Sha256.ToString(), Size = a.Size, Interpreter = a.Interpreter,
                }
                : null,
            Command = plan.Command,
            Sandbox = new SandboxProfile
            {
                Isolation = $"bubblewrap {host.BubblewrapVersion}",
                Namespaces = namespaces,
                RootFilesystem = "overlayfs: the host root read-only as lower layer, a fresh per-run upper layer (diffed after the run)",
                FreshDirectories = layer.FreshDirectories,
                MaskedPaths = layer.MaskedPaths,
                ReadOnlyPaths = request.ReadOnlyPaths,
                Network = request.Network.ToWireName(),
                SinkAddress = request.Network == NetworkMode.Sinkhole ? SinkholeAddressing.SinkAddress.ToString() : null,
                User = "root (uid 0 in a user namespace with an identity map of all uids and gids; capabilities limited to the list below; no new privileges)",
                Capabilities = SandboxCapabilities.Kept,
                Seccomp = new SeccompDescription(plan.Seccomp.DeniedSyscalls, plan.Seccomp.AdditionalDenials,
                    traced
                        ? $"EPERM: {refused.Count} calls refused through the sensor (seen and recorded), the rest by the filter directly; clone/unshare of namespaces refused, clone3 answers ENOSYS"
                        : "EPERM by the filter directly; clone/unshare of namespaces refused, clone3 answers ENOSYS"),
                Landlock = new LandlockDescription(host.LandlockAbi, false,
                    "not applied: every write already lands in the per-run overlay and the namespaces confine the rest; " +
                    "bubblewrap 0.8 cannot apply a ruleset, and one applied from outside would forbid the mounts bubblewrap makes"),
                Hostname = request.Hostname,
                WorkingDirectory = request.WorkingDirectory,
                Environment = plan.Environment,
            },
            Limits = cgroups.Enforcement,
            Sensor = traced
                ? new SensorDescription("strace", host.StraceVersion, StraceSensor.TracedSyscalls.Concat(refused).ToList())
                : new SensorDescription("none", null, []),
            Host = new HostDescription(host.KernelRelease, host.Distribution, host.Cgroups.Controllers.Keys.Order(StringComparer.Ordinal).ToList()),
            StartedUtc = started,
            EndedUtc = ended,
            SandboxMilliseconds = Math.Round(exit.Duration.TotalMilliseconds, 3),
            Termination = termination,
            Counts = new RunCounts
            {
                Events = events.Count,
                ProcessesCreated = events.OfType<ProcessCreationEvent>().Count(),
                FileEvents = fileEvents.Count,
                FilesWritten = fileEvents
                    .Where(e => e.Operation is FileOperation.Create or FileOperation.Write && e.Outcome == FileEvent.Succeeded)
                    .Select(e => e.TargetFilename).Distinct(StringComparer.Ordinal).Count(),
                FileChanges = changes.Count,
                NetworkConnections = events.OfType<NetworkConnectionEvent>().Count(),
                DnsQueries = events.OfType<DnsQueryEvent>().Count(),
                HttpRequests = events.OfType<HttpRequestEvent>().Count(),
                NetworkRecords = records.Count,
                PersistenceFindings = findings.Count,
                BlockedSyscalls = blocked.Sum(b => b.Attempts),
            },
            Persistence = findings,
            Resources = usage,
            BlockedSyscalls = blocked,
            Stdout = new OutputCapture("stdout.txt", outputs.Stdout.TotalBytes, outputs.Stdout.Truncated, outputs.Stdout.Limit),
            Stderr = new OutputCapture("stderr.txt", outputs.Stderr.TotalBytes, outputs.Stderr.Truncated, outputs.Stderr.Limit),
            Files = copies,
            Warnings = warnings,
        };
    }

    private static RunTermination Terminate(SandboxExit exit, StraceAnalysis? analysis, RunLimits limits, bool traced)
    {
        var root = analysis?.Root;
        int? exitCode = traced ? root?.ExitCode : exit.CommandExitCode;
        var signal = traced ? root?.Signal : null;
        var detail = exit.Reason switch
        {
            TerminationReason.Timeout => $"killed at the wall-time limit of {limits.WallTime.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s",
            TerminationReason.MemoryLimit => $"the kernel OOM-killed a process at the memory limit of {limits.MemoryBytes} bytes; every process was killed",
            TerminationReason.ProcessLimit => $"a fork failed at the limit of {limits.Processes} processes; every process was killed",
            TerminationReason.TraceLimit => $"the trace outgrew {limits.MaxTraceBytes} bytes; every process was killed",
            TerminationReason.Cancelled => "cancelled; every process was killed",
            _ when signal is not null => $"the artifact was killed by {signal}",
            _ when exitCode is not null => $"the artifact exited with status {exitCode}",
            _ => "the artifact did not start",
        };
        if (exit.Reason != TerminationReason.Exited)
        {
            exitCode = null;
        }

        return new RunTermination(exit.Reason.ToWireName(), exitCode, signal, detail);
    }
}
