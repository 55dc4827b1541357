using System.Globalization;
using Detektr.Runs;

namespace Detektr.Limits;

/// <summary>The cgroup v1 groups of one run, one per available controller, created beneath Detektr's own
/// groups. The sandbox joins them before bubblewrap starts, so everything it spawns is counted,
/// limited and can be killed as a whole.</summary>
internal sealed class RunCgroups
{
    private const long CfsPeriodMicroseconds = 100_000;
    private readonly Dictionary<string, string> _directories;

    private RunCgroups(Dictionary<string, string> directories, IReadOnlyList<LimitEnforcement> enforcement)
    {
        _directories = directories;
        Enforcement = enforcement;
    }

    /// <summary>How each limit was applied.</summary>
    public IReadOnlyList<LimitEnforcement> Enforcement { get; }

    /// <summary>The <c>cgroup.procs</c> files the sandbox's first process writes its pid to.</summary>
    public IEnumerable<string> ProcessFiles => _directories.Values.Select(d => Path.Join(d, "cgroup.procs"));

    /// <summary>Creates the run's groups and writes the limits. Controllers that are missing or refuse the
    /// setting are recorded as not enforced rather than failing the run.</summary>
    public static RunCgroups Create(CgroupV1Hierarchy hierarchy, RunId runId, RunLimits limits)
    {
        ArgumentNullException.ThrowIfNull(hierarchy);
        ArgumentNullException.ThrowIfNull(limits);
        var directories = new Dictionary<string, string>(StringComparer.Ordinal);
        var enforcement = new List<LimitEnforcement>
        {
            new("wall_time", limits.WallTime.TotalSeconds, "seconds", true,
                "Detektr kills the sandbox's PID namespace at the deadline"),
        };

        foreach (var name in CgroupV1Hierarchy.UsefulControllers)
        {
            // A group is only made (and joined, which costs an RCU grace period) for a limit in force.
            var wanted = name switch
            {
                "memory" => limits.MemoryBytes is not null,
                "pids" => limits.Processes is not null,
                "cpu" => limits.Cpus is not null,
                _ => false,
            };
            if (!wanted || hierarchy[name] is not { } controller)
            {
                continue;
            }

            var directory = Path.Join(controller.OwnDirectory, $"detektr-{runId.Value}");
            try
            {
                Directory.CreateDirectory(directory);
                directories[name] = directory;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Recorded below as "not enforced" for the limits this controller carries.
            }
        }

        var cgroups = new RunCgroups(directories, enforcement);
        enforcement.Add(cgroups.Apply("memory", "memory", limits.MemoryBytes, "bytes", value =>
        {
            cgroups.Write("memory", "memory.limit_in_bytes", value);
            // Without swap accounting the memsw file is absent; with it, swap must not extend the limit.
            cgroups.TryWrite("memory", "memory.memsw.limit_in_bytes", value);
            return "cgroup v1 memory.limit_in_bytes (the kernel OOM-kills inside the group)";
        }));
        enforcement.Add(cgroups.Apply("processes", "pids", limits.Processes, "tasks", value =>
        {
            cgroups.Write("pids", "pids.max", value);
            return "cgroup v1 pids.max (fork and clone fail with EAGAIN at the limit)";
        }));
        enforcement.Add(cgroups.Apply("cpu", "cpu", limits.Cpus, "cpus", value =>
        {
            var quota = Math.Max(1000L, (long)Math.Round(value * CfsPeriodMicroseconds));
            cgroups.Write("cpu", "cpu.cfs_period_us", CfsPeriodMicroseconds);
            cgroups.Write("cpu", "cpu.cfs_quota_us", quota);
            return $"cgroup v1 cpu.cfs_quota_us={quota} per {CfsPeriodMicroseconds} us";
        }));
        return cgroups;
    }

    private LimitEnforcement Apply<T>(string limit, string controller, T? requested, string unit, Func<T, string> write)
        where T : struct, IConvertible
    {
        var requestedValue = requested is { } r ? r.ToDouble(CultureInfo.InvariantCulture) : (double?)null;
        if (requested is null)
        {
            return new LimitEnforcement(limit, null, unit, false, "disabled");
        }

        if (!_directories.ContainsKey(controller))
        {
            return new LimitEnforcement(limit, requestedValue, unit, false,
                $"not enforced: the cgroup v1 '{controller}' controller is not available to Detektr here");
        }

        try
        {
            return new LimitEnforcement(limit, requestedValue, unit, true, write(requested.Value));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new LimitEnforcement(limit, requestedValue, unit, false, $"not enforced: {ex.Message}");
        }
    }

    /// <summary>Reads the counters the kernel kept for the run.</summary>
    public ResourceUsage ReadUsage() => new()
    {
        PeakMemoryBytes = ReadNumber("memory", "memory.max_usage_in_bytes"),
        MemoryLimitHits = ReadNumber("memory", "memory.failcnt"),
        OomKills = ReadKey("memory", "memory.oom_control", "oom_kill"),
        ProcessLimitHits = ReadKey("pids", "pids.events", "max"),
        CpuThrottledNanoseconds = ReadKey("cpu", "cpu.stat", "throttled_time"),
    };

    /// <summary>True once the kernel OOM-killed a process of the run or refused a fork at the process
    /// limit; <paramref name="reason"/> tells which.</summary>
    public bool LimitReached(out Detonation.TerminationReason reason)
    {
        if (ReadKey("memory", "memory.oom_control", "oom_kill") is > 0)
        {
            reason = Detonation.TerminationReason.MemoryLimit;
            return true;
        }

        if (ReadKey("pids", "pids.events", "max") is > 0)
        {
            reason = Detonation.TerminationReason.ProcessLimit;
            return true;
        }

        reason = default;
        return false;
    }

    /// <summary>Kills every process still in the run's groups, in rounds, since a process may fork while
    /// the list is walked (the pids limit bounds how many can appear).</summary>
    public void KillAll()
    {
        for (var round = 0; round < 5; round++)
        {
            var any = false;
            foreach (var directory in _directories.Values)
            {
                foreach (var pid in ReadPids(directory))
                {
                    any = true;
                    Native.LibC.Kill(pid, 9);
                }
            }

            if (!any)
            {
                break;
            }
        }
    }

    /// <summary>True while any live process is left in the run's groups. Zombies do not count: orphans
    /// are reaped by the machine's init, which may take its time.</summary>
    public bool HasProcesses() => _directories.Values.Any(d => ReadPids(d).Any(IsAlive));

    private static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var close = stat.LastIndexOf(')');
            return close > 0 && close + 2 < stat.Length && stat[close + 2] is not ('Z' or 'X');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Removes the run's groups, waiting briefly for killed processes to leave them.</summary>
    public void Remove()
    {
        foreach (var directory in _directories.Values)
        {
            for (var attempt = 0; attempt < 50; attempt++)
            {
                try
                {
                    Directory.Delete(directory);
                    break;
                }
                catch (DirectoryNotFoundException)
                {
                    break;
                }
                catch (IOException)
                {
                    if (attempt % 10 == 9)
                    {
                        foreach (var pid in ReadPids(directory))
                        {
                            Native.LibC.Kill(pid, 9);
                        }
                    }

                    Thread.Sleep(20);
                }
            }
        }
    }

    private static IEnumerable<int> ReadPids(string directory)
    {
        string text;
        try
        {
            text = File.ReadAllText(Path.Join(directory, "cgroup.procs"));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            yield break;
        }

        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (int.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                yield return pid;
            }
        }
    }

    private void Write(string controller, string file, IConvertible value) =>
        File.WriteAllText(Path.Join(_directories[controller], file), value.ToString(CultureInfo.InvariantCulture));

    private void TryWrite(string controller, string file, long value)
    {
        var path = Path.Join(_directories[controller], file);
        if (File.Exists(path))
        {
            File.WriteAllText(path, value.ToString(CultureInfo.InvariantCulture));
        }
    }

    private long? ReadNumber(string controller, string file)
    {
        if (!_directories.TryGetValue(controller, out var directory))
        {
            return null;
        }

        try
        {
            var text = File.ReadAllText(Path.Join(directory, file)).Trim();
            return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private long? ReadKey(string controller, string file, string key)
    {
        if (!_directories.TryGetValue(controller, out var directory))
        {
            return null;
        }

        try
        {
            foreach (var line in File.ReadLines(Path.Join(directory, file)))
            {
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length == 2 && parts[0] == key &&
                    long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
                {
                    return value;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        return null;
    }
}
