namespace Detektr.Runs;

/// <summary>The machine a run happened on.</summary>
/// <param name="Kernel">Kernel release.</param>
/// <param name="Distribution">Distribution name and version.</param>
/// <param name="CgroupControllers">cgroup v1 controllers that were available.</param>
public sealed record HostDescription(string Kernel, string? Distribution, IReadOnlyList<string> CgroupControllers);
