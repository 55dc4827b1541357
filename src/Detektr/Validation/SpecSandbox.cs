using Detektr.Limits;
using Detektr.Network;

namespace Detektr.Validation;

/// <summary>The sandbox options of a validation spec; the defaults are those of <c>detektr run</c>.</summary>
public sealed record SpecSandbox
{
    /// <summary>Network mode.</summary>
    public NetworkMode Network { get; init; } = NetworkMode.None;

    /// <summary>Resource limits (wall time, memory, processes, CPU).</summary>
    public RunLimits Limits { get; init; } = new();

    /// <summary>Extra environment variables.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Sandbox paths made read-only.</summary>
    public IReadOnlyList<string> ReadOnlyPaths { get; init; } = [];

    /// <summary>System calls refused on top of the default seccomp policy.</summary>
    public IReadOnlyList<string> DeniedSyscalls { get; init; } = [];

    /// <summary>Working directory inside the sandbox; null for the default.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Hostname inside the sandbox; null for the default.</summary>
    public string? Hostname { get; init; }

    /// <summary>End the run when the artifact's own process ends.</summary>
    public bool ExitWithArtifact { get; init; }
}
