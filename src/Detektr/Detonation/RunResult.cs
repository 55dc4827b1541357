using Detektr.Changes;
using Detektr.Events;
using Detektr.Network;
using Detektr.Runs;

namespace Detektr.Detonation;

/// <summary>A finished run: its directory, manifest and everything it recorded.</summary>
public sealed record RunResult
{
    /// <summary>The run id.</summary>
    public required RunId RunId { get; init; }

    /// <summary>The run directory.</summary>
    public required string Directory { get; init; }

    /// <summary>The manifest as written.</summary>
    public required RunManifest Manifest { get; init; }

    /// <summary>The events as written, with their sequence numbers.</summary>
    public required IReadOnlyList<DetektrEvent> Events { get; init; }

    /// <summary>The layer diff.</summary>
    public required IReadOnlyList<FileChange> Changes { get; init; }

    /// <summary>What the sink recorded (empty in network mode none).</summary>
    public required IReadOnlyList<NetworkRecord> Network { get; init; }

    /// <summary>Where the run's digest was recorded in the run store's ledger, when it was.</summary>
    public LedgerReceipt? Ledger { get; init; }

    /// <summary>Why the run is missing from the ledger, when it is (the run itself is complete).</summary>
    public string? LedgerProblem { get; init; }

    /// <summary>Why the run ended.</summary>
    public TerminationReason Reason =>
        TerminationReasons.TryParse(Manifest.Termination.Reason, out var reason) ? reason : TerminationReason.Exited;

    /// <summary>The artifact's exit status, when it exited by itself.</summary>
    public int? ExitCode => Manifest.Termination.ExitCode;
}
