namespace Tracehound.AspNetCore.Admin;

/// <summary>The ledger as the admin endpoints and the health check see it; absent without a data directory.</summary>
internal interface IAdminLedger
{
    /// <summary>Size, checkpoint and backlog for status documents.</summary>
    LedgerSummaryDocument Summary();

    /// <summary>The latest signed checkpoint, or null when none was signed yet.</summary>
    CheckpointDocument? LatestCheckpoint();

    /// <summary>The storage's latest failure, or null when it is healthy.</summary>
    string? Failure { get; }
}
