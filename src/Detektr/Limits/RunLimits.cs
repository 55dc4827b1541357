namespace Detektr.Limits;

/// <summary>Resource limits of a run. Null disables a limit. Defaults are documented constants.</summary>
public sealed record RunLimits
{
    /// <summary>Default wall time: 30 seconds.</summary>
    public static readonly TimeSpan DefaultWallTime = TimeSpan.FromSeconds(30);

    /// <summary>Default memory limit: 512 MiB.</summary>
    public const long DefaultMemoryBytes = 512L * 1024 * 1024;

    /// <summary>Default process (task) limit: 256.</summary>
    public const int DefaultProcesses = 256;

    /// <summary>Default CPU quota: one CPU.</summary>
    public const double DefaultCpus = 1.0;

    /// <summary>Default bound on the raw sensor trace: 256 MiB; a run that exceeds it is stopped.</summary>
    public const long DefaultMaxTraceBytes = 256L * 1024 * 1024;

    /// <summary>Default bound on each of stdout and stderr kept: 1 MiB.</summary>
    public const long DefaultMaxOutputBytes = 1024 * 1024;

    /// <summary>Default bound on one copied file: 8 MiB.</summary>
    public const long DefaultMaxFileCopyBytes = 8L * 1024 * 1024;

    /// <summary>Default bound on all copied files of a run: 64 MiB.</summary>
    public const long DefaultMaxTotalCopyBytes = 64L * 1024 * 1024;

    /// <summary>How long the run may take before every process is killed.</summary>
    public TimeSpan WallTime { get; init; } = DefaultWallTime;

    /// <summary>Memory limit for all processes of the run together (cgroup memory controller).</summary>
    public long? MemoryBytes { get; init; } = DefaultMemoryBytes;

    /// <summary>Maximum number of tasks alive at once (cgroup pids controller).</summary>
    public int? Processes { get; init; } = DefaultProcesses;

    /// <summary>CPU quota in CPUs (cgroup cpu controller, CFS quota).</summary>
    public double? Cpus { get; init; } = DefaultCpus;

    /// <summary>Bound on the raw sensor output.</summary>
    public long MaxTraceBytes { get; init; } = DefaultMaxTraceBytes;

    /// <summary>Bound on each captured output stream.</summary>
    public long MaxOutputBytes { get; init; } = DefaultMaxOutputBytes;

    /// <summary>Bound on one file copied into the run directory.</summary>
    public long MaxFileCopyBytes { get; init; } = DefaultMaxFileCopyBytes;

    /// <summary>Bound on all files copied into the run directory.</summary>
    public long MaxTotalCopyBytes { get; init; } = DefaultMaxTotalCopyBytes;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first limit out of range.</summary>
    public void Validate()
    {
        if (WallTime <= TimeSpan.Zero || WallTime > TimeSpan.FromHours(24))
        {
            throw new ArgumentException($"wall time must be between 0 and 24 hours, was {WallTime}");
        }

        if (MemoryBytes is < 4 * 1024 * 1024)
        {
            throw new ArgumentException($"memory limit must be at least 4 MiB, was {MemoryBytes} bytes");
        }

        if (Processes is < 1)
        {
            throw new ArgumentException($"process limit must be at least 1, was {Processes}");
        }

        if (Cpus is <= 0 or > 1024)
        {
            throw new ArgumentException($"CPU limit must be above 0 and at most 1024, was {Cpus}");
        }

        if (MaxTraceBytes < 1024 * 1024 || MaxOutputBytes < 0 || MaxFileCopyBytes < 0 || MaxTotalCopyBytes < 0)
        {
            throw new ArgumentException("output bounds must not be negative and the trace bound must be at least 1 MiB");
        }
    }
}
