using Detektr.Artifacts;
using Detektr.Limits;
using Detektr.Network;

namespace Detektr.Detonation;

/// <summary>What to detonate and how: an artifact file with arguments, or a command line, with the
/// sandbox's options. Create one with <see cref="ForArtifact"/> or <see cref="ForCommand"/>.</summary>
public sealed record DetonationRequest
{
    /// <summary>Default working directory of the artifact inside the sandbox.</summary>
    public const string DefaultWorkingDirectory = "/tmp";

    /// <summary>Default hostname inside the sandbox.</summary>
    public const string DefaultHostname = "sandbox";

    /// <summary>The artifact on the host, or null for a command run.</summary>
    public string? ArtifactPath { get; init; }

    /// <summary>Forces how the artifact runs (for scripts without a #! line or a known extension).</summary>
    public ArtifactKind? ArtifactKind { get; init; }

    /// <summary>For a command run, the whole command line; for an artifact, the arguments after it.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>Network mode.</summary>
    public NetworkMode Network { get; init; } = NetworkMode.None;

    /// <summary>Resource limits.</summary>
    public RunLimits Limits { get; init; } = new();

    /// <summary>The sensor.</summary>
    public SensorKind Sensor { get; init; } = SensorKind.Strace;

    /// <summary>Extra environment variables for the artifact (on top of PATH, HOME, USER, ...).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Sandbox paths made read-only (a mitigation control).</summary>
    public IReadOnlyList<string> ReadOnlyPaths { get; init; } = [];

    /// <summary>System calls refused on top of the default seccomp policy (a mitigation control).</summary>
    public IReadOnlyList<string> DeniedSyscalls { get; init; } = [];

    /// <summary>The run directory to create; by default <c>RUNS/RUN_ID</c>.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>The run store (holds run directories and the ledger); overrides the detonator's default.</summary>
    public string? RunsDirectory { get; init; }

    /// <summary>End the run when the artifact's own process ends, killing what it left running. By default
    /// the run goes on while any of its processes lives (daemons included), up to the wall time.</summary>
    public bool ExitWithArtifact { get; init; }

    /// <summary>Working directory inside the sandbox.</summary>
    public string WorkingDirectory { get; init; } = DefaultWorkingDirectory;

    /// <summary>Hostname inside the sandbox.</summary>
    public string Hostname { get; init; } = DefaultHostname;

    /// <summary>A request to run <paramref name="command"/> (program and arguments) in the sandbox.</summary>
    public static DetonationRequest ForCommand(params string[] command) => new() { Arguments = command };

    /// <summary>A request to detonate the file at <paramref name="path"/> with <paramref name="arguments"/>.</summary>
    public static DetonationRequest ForArtifact(string path, params string[] arguments) =>
        new() { ArtifactPath = path, Arguments = arguments };
}
