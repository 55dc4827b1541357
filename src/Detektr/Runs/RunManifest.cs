using Detektr.Changes;
using Detektr.Limits;
using Detektr.Persistence;

namespace Detektr.Runs;

/// <summary>The summary of one run, written as <c>manifest.json</c> after everything else, so a run
/// directory with a manifest is complete.</summary>
public sealed record RunManifest
{
    /// <summary>Version of this layout.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>Version of the manifest layout.</summary>
    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>The run id (also the directory name by default).</summary>
    public required string RunId { get; init; }

    /// <summary>The tool that made the run and its version.</summary>
    public required string Tool { get; init; }

    /// <summary>The detonated artifact, or null for a command run.</summary>
    public ManifestArtifact? Artifact { get; init; }

    /// <summary>The command line executed inside the sandbox.</summary>
    public required IReadOnlyList<string> Command { get; init; }

    /// <summary>How the sandbox was built.</summary>
    public required SandboxProfile Sandbox { get; init; }

    /// <summary>Each limit and how it was enforced.</summary>
    public required IReadOnlyList<LimitEnforcement> Limits { get; init; }

    /// <summary>The telemetry sensor.</summary>
    public required SensorDescription Sensor { get; init; }

    /// <summary>The machine.</summary>
    public required HostDescription Host { get; init; }

    /// <summary>When the sandbox was launched.</summary>
    public required DateTimeOffset StartedUtc { get; init; }

    /// <summary>When the run directory was completed.</summary>
    public required DateTimeOffset EndedUtc { get; init; }

    /// <summary>Wall time of the sandbox, from launch until its last process ended.</summary>
    public required double SandboxMilliseconds { get; init; }

    /// <summary>How the run ended.</summary>
    public required RunTermination Termination { get; init; }

    /// <summary>Counts of what the run did.</summary>
    public required RunCounts Counts { get; init; }

    /// <summary>What persisted, with ATT&amp;CK techniques.</summary>
    public required IReadOnlyList<PersistenceFinding> Persistence { get; init; }

    /// <summary>What the cgroups measured.</summary>
    public required ResourceUsage Resources { get; init; }

    /// <summary>System calls the seccomp policy refused, by call and process.</summary>
    public required IReadOnlyList<BlockedSyscallSummary> BlockedSyscalls { get; init; }

    /// <summary>The captured standard output.</summary>
    public required OutputCapture Stdout { get; init; }

    /// <summary>The captured standard error (which also carries sandbox diagnostics).</summary>
    public required OutputCapture Stderr { get; init; }

    /// <summary>Copies of changed files kept in <c>files/</c>.</summary>
    public required CopySummary Files { get; init; }

    /// <summary>Anything the run could not record as it should have, in words.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
