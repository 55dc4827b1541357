namespace Tracehound.Ledger;

/// <summary>Progress of a replay: segment bytes done out of the total, and leaves checked so far.</summary>
/// <param name="BytesDone">Segment bytes replayed.</param>
/// <param name="BytesTotal">Segment bytes in the ledger.</param>
/// <param name="Leaves">Leaves checked so far.</param>
public readonly record struct LedgerVerificationProgress(long BytesDone, long BytesTotal, TreeSize Leaves);
