namespace Detektr.Limits;

/// <summary>What the run's cgroups measured, for the manifest. Absent values were not measurable.</summary>
public sealed record ResourceUsage
{
    /// <summary>Peak memory use of the run (memory.max_usage_in_bytes).</summary>
    public long? PeakMemoryBytes { get; init; }

    /// <summary>How often the memory limit was hit (memory.failcnt).</summary>
    public long? MemoryLimitHits { get; init; }

    /// <summary>Processes the kernel's OOM killer killed inside the run's memory cgroup.</summary>
    public long? OomKills { get; init; }

    /// <summary>How often a fork failed at the process limit (pids.events max).</summary>
    public long? ProcessLimitHits { get; init; }

    /// <summary>Time the run was held back by the CPU quota, in nanoseconds (cpu.stat throttled_time).</summary>
    public long? CpuThrottledNanoseconds { get; init; }
}
