namespace Tracehound.Ledger;

/// <summary>The result of an offline verification: intact with the head, or the first failure with its position.</summary>
/// <param name="Failure">The first failure, or null when the ledger is intact.</param>
/// <param name="Head">The head of the verified records (up to the failure, when there is one).</param>
/// <param name="CheckpointsVerified">Checkpoints whose signature and root were checked.</param>
/// <param name="LatestCheckpoint">The latest checkpoint in the log.</param>
/// <param name="TornTailBytes">Bytes after the last intact record that a crash left (not covered by any checkpoint; recovery cuts them).</param>
/// <param name="TornTailLeaf">The leaf where the torn tail starts.</param>
/// <param name="HashEntriesMissing">Stored tree hashes missing or stale beyond the last checkpoint (recovery recomputes them).</param>
public sealed record LedgerVerificationReport(
    LedgerIntegrityFailure? Failure,
    TreeHead Head,
    int CheckpointsVerified,
    SignedCheckpoint? LatestCheckpoint,
    long TornTailBytes,
    LeafIndex? TornTailLeaf,
    long HashEntriesMissing)
{
    /// <summary>True when no check failed.</summary>
    public bool IsIntact => Failure is null;
}
