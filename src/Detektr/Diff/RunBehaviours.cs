using System.Globalization;
using Detektr.Changes;
using Detektr.Events;
using Detektr.Network;
using Detektr.Runs;

namespace Detektr.Diff;

/// <summary>The behaviours of one run, normalized for comparison with another run: read from its
/// manifest (exit status, persistence, refused system calls), <c>events.jsonl</c> (processes, file
/// operations, connections, DNS, HTTP) and <c>changes.jsonl</c> (the layer diff).</summary>
public sealed class RunBehaviours
{
    /// <summary>The resolver a sandbox asks: <c>127.0.0.1</c> in network mode none, the sink in sinkhole
    /// mode. Lookups are compared by name (<see cref="BehaviourCategory.Dns"/>), so the datagram to
    /// the resolver is one behaviour whatever the mode.</summary>
    public const string ResolverDescription = "resolver";

    private const int DnsPort = 53;
    private const int ShortHashLength = 12;

    private RunBehaviours(string directory, RunManifest manifest, IReadOnlyDictionary<BehaviourKey, ObservedBehaviour> behaviours)
    {
        Directory = directory;
        Manifest = manifest;
        Behaviours = behaviours;
    }

    /// <summary>The run directory.</summary>
    public string Directory { get; }

    /// <summary>The run's manifest.</summary>
    public RunManifest Manifest { get; }

    /// <summary>Every distinct behaviour of the run.</summary>
    public IReadOnlyDictionary<BehaviourKey, ObservedBehaviour> Behaviours { get; }

    /// <summary>Reads a run directory. Throws <see cref="FormatException"/> (naming the file and the
    /// line) for a malformed file and <see cref="IOException"/> when a file cannot be read; a run
    /// without <c>events.jsonl</c> or <c>changes.jsonl</c> (a hand-made or sensorless one) has none of
    /// those behaviours.</summary>
    public static RunBehaviours Read(string runDirectory)
    {
        ArgumentNullException.ThrowIfNull(runDirectory);
        var manifest = ManifestJson.Read(runDirectory);
        var events = ReadOptional(runDirectory, EventsReader.FileName, EventsReader.ReadAll);
        var changes = ReadOptional(runDirectory, ChangesLog.FileName, ChangesLog.ReadAll);
        return From(runDirectory, manifest, events, changes);
    }

    /// <summary>Builds the behaviours from what a run recorded (for runs held in memory, such as a
    /// fresh <see cref="Detonation.RunResult"/>).</summary>
    public static RunBehaviours From(string runDirectory, RunManifest manifest, IReadOnlyList<DetektrEvent> events, IReadOnlyList<FileChange> changes)
    {
        ArgumentNullException.ThrowIfNull(runDirectory);
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(changes);
        var collector = new Collector();
        collector.Add(BehaviourCategory.ExitStatus, "run", ExitStatus(manifest.Termination));
        AddEvents(collector, events);
        foreach (var change in changes)
        {
            collector.Add(BehaviourCategory.FileChange, $"{change.Change} {BehaviourNormalizer.NormalizePath(change.Path)}", ChangeOutcome(change));
        }

        foreach (var finding in manifest.Persistence)
        {
            collector.Add(BehaviourCategory.Persistence, $"{finding.Technique} {BehaviourNormalizer.NormalizePath(finding.Path)}",
                finding.Detail is null ? finding.Change : $"{finding.Change}: {finding.Detail}");
        }

        foreach (var blocked in manifest.BlockedSyscalls)
        {
            collector.Add(BehaviourCategory.BlockedSyscall, $"{blocked.Syscall} by {blocked.Image}", null, blocked.Attempts);
        }

        return new RunBehaviours(runDirectory, manifest, collector.Build());
    }

    private static void AddEvents(Collector collector, IReadOnlyList<DetektrEvent> events)
    {
        // A process's outcome is how the execution ended: its exit, or a later exec that replaced it.
        var open = new Dictionary<long, (string Key, int Index)>();
        var pending = new List<(string Key, string? Outcome)>();
        foreach (var evt in events)
        {
            switch (evt)
            {
                case ProcessCreationEvent created:
                    if (open.Remove(created.ProcessId, out var replaced))
                    {
                        pending[replaced.Index] = (replaced.Key, "replaced by exec");
                    }

                    open[created.ProcessId] = ($"{created.Image} {BehaviourNormalizer.NormalizeCommandLine(created.CommandLine)}", pending.Count);
                    pending.Add((open[created.ProcessId].Key, null));
                    break;
                case ProcessExitEvent exited when open.Remove(exited.ProcessId, out var execution):
                    pending[execution.Index] = (execution.Key, exited.Signal is { } signal
                        ? $"killed by {signal}"
                        : $"exit {exited.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "?"}");
                    break;
                case FileEvent file:
                    collector.Add(BehaviourCategory.FileOperation, FileDescription(file), file.Outcome);
                    break;
                case NetworkConnectionEvent connection:
                    collector.Add(BehaviourCategory.Network, ConnectionDescription(connection), connection.Outcome);
                    break;
                case DnsQueryEvent query:
                    collector.Add(BehaviourCategory.Dns, $"{query.QueryType ?? "?"} {query.QueryName}",
                        string.IsNullOrEmpty(query.QueryResults) ? "no answer" : $"answered {query.QueryResults}");
                    break;
                case HttpRequestEvent request:
                    collector.Add(BehaviourCategory.Http, $"{request.Method} {request.Host}{request.Path}", null);
                    break;
            }
        }

        foreach (var (key, outcome) in pending)
        {
            collector.Add(BehaviourCategory.Process, key, outcome ?? "no exit seen");
        }
    }

    private static string FileDescription(FileEvent file)
    {
        var operation = file.Operation switch
        {
            FileOperation.Create => "create",
            FileOperation.Write => "write",
            FileOperation.Delete => "delete",
            FileOperation.Rename => "rename",
            FileOperation.Chmod => "chmod",
            FileOperation.Chown => "chown",
            _ => file.Operation.ToString(),
        };
        var target = BehaviourNormalizer.NormalizePath(file.TargetFilename);
        return file.Operation switch
        {
            FileOperation.Rename when file.SourceFilename is { } source => $"rename {BehaviourNormalizer.NormalizePath(source)} -> {target}",
            FileOperation.Chmod when file.Mode is { } mode => $"chmod {mode} {target}",
            FileOperation.Chown when file.Owner is { } owner => $"chown {owner} {target}",
            _ => $"{operation} {target}",
        };
    }

    private static string ConnectionDescription(NetworkConnectionEvent connection)
    {
        var port = connection.DestinationPort.ToString(CultureInfo.InvariantCulture);
        var host = connection.DestinationHostname
                   ?? (connection.DestinationPort == DnsPort && IsResolver(connection.DestinationIp) ? ResolverDescription : connection.DestinationIp);
        return $"{connection.Protocol} {host}:{port}";
    }

    private static bool IsResolver(string address) =>
        address == "127.0.0.1" || address == SinkholeAddressing.SinkAddress.ToString();

    private static string ExitStatus(RunTermination termination) => termination switch
    {
        { Reason: "exited", Signal: { } signal } => $"killed by {signal}",
        { Reason: "exited", ExitCode: { } code } => $"exited {code.ToString(CultureInfo.InvariantCulture)}",
        _ => termination.Reason,
    };

    private static string ChangeOutcome(FileChange change)
    {
        if (change.Type == "symlink" && change.LinkTarget is { } target)
        {
            return $"symlink -> {target}";
        }

        if (change.Sha256 is { } hash)
        {
            var size = change.Size?.ToString(CultureInfo.InvariantCulture) ?? "?";
            return $"{change.Type}, {size} bytes, sha256 {hash[..Math.Min(ShortHashLength, hash.Length)]}";
        }

        return change.Mode is { } mode ? $"{change.Type} {mode}" : change.Type;
    }

    private static IReadOnlyList<T> ReadOptional<T>(string directory, string fileName, Func<string, IReadOnlyList<T>> read)
    {
        var file = Path.Combine(directory, fileName);
        if (!File.Exists(file))
        {
            return [];
        }

        try
        {
            return read(file);
        }
        catch (FormatException ex)
        {
            throw new FormatException($"{file}: {ex.Message}", ex);
        }
    }

    private sealed class Collector
    {
        private readonly Dictionary<BehaviourKey, (int Count, SortedSet<string> Outcomes)> _seen = [];

        public void Add(BehaviourCategory category, string description, string? outcome, int times = 1)
        {
            var key = new BehaviourKey(category, description);
            if (!_seen.TryGetValue(key, out var entry))
            {
                entry = (0, new SortedSet<string>(StringComparer.Ordinal));
            }

            if (outcome is not null)
            {
                entry.Outcomes.Add(outcome);
            }

            _seen[key] = (entry.Count + times, entry.Outcomes);
        }

        public Dictionary<BehaviourKey, ObservedBehaviour> Build() =>
            _seen.ToDictionary(p => p.Key, p => new ObservedBehaviour(p.Key, p.Value.Count, p.Value.Outcomes.ToList()));
    }
}
