namespace Detektr.Limits;

/// <summary>How one limit was applied to a run, as the manifest records it.</summary>
/// <param name="Limit">The limit (<c>wall_time</c>, <c>memory</c>, <c>processes</c>, <c>cpu</c>).</param>
/// <param name="Requested">The requested value in the limit's unit, or null when disabled.</param>
/// <param name="Unit">The unit of <paramref name="Requested"/> (<c>seconds</c>, <c>bytes</c>, <c>tasks</c>, <c>cpus</c>).</param>
/// <param name="Enforced">True when the kernel (or Detektr, for wall time) enforced it.</param>
/// <param name="Mechanism">What enforced it (<c>cgroup v1 memory.limit_in_bytes</c>), or why nothing did.</param>
public sealed record LimitEnforcement(string Limit, double? Requested, string Unit, bool Enforced, string Mechanism);
