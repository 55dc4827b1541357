namespace Tracehound.AspNetCore.Admin;

/// <summary>The ledger as the admin endpoints and the health check see it.</summary>
internal interface IAdminLedger
{
    /// <summary>True when a data directory is configured (even if opening it failed).</summary>
    bool Configured { get; }

    /// <summary>Size, checkpoint and backlog for status documents.</summary>
    LedgerSummaryDocument Summary();

    /// <summary>The latest signed checkpoint, or null when none was signed yet.</summary>
    CheckpointDocument? LatestCheckpoint();

    /// <summary>The storage's latest failure, or null when it is healthy.</summary>
    string? Failure { get; }
}
