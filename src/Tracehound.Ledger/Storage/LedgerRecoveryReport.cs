namespace Tracehound.Ledger;

/// <summary>What <see cref="LedgerStore.Open"/> found and did while recovering.</summary>
/// <param name="RecordsReplayed">Records read and checked.</param>
/// <param name="TornTailLeaf">The first leaf of a torn tail that was cut off (null when the tail was clean).</param>
/// <param name="TornTailBytes">How many bytes were cut from the last segment.</param>
/// <param name="TornTailFile">The segment they were cut from, relative to the data directory.</param>
/// <param name="HashEntriesRebuilt">Stored tree hashes beyond the last checkpoint that were missing or stale and were recomputed from the records.</param>
/// <param name="CheckpointTailBytes">Bytes of an incomplete last checkpoint entry that were cut.</param>
/// <param name="LatestCheckpointSize">The size of the latest signed checkpoint, verified against the records.</param>
public sealed record LedgerRecoveryReport(
    ulong RecordsReplayed,
    LeafIndex? TornTailLeaf,
    long TornTailBytes,
    string? TornTailFile,
    long HashEntriesRebuilt,
    long CheckpointTailBytes,
    TreeSize? LatestCheckpointSize)
{
    /// <summary>True when recovery had to cut or rebuild anything.</summary>
    public bool RepairedAnything => TornTailBytes > 0 || HashEntriesRebuilt > 0 || CheckpointTailBytes > 0;
}
