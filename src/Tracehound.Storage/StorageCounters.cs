using Tracehound.Ledger;

namespace Tracehound.Storage;

/// <summary>What the storage lanes did since they started.</summary>
/// <param name="EventsDropped">Agent events dropped before reaching storage (its queue was full).</param>
/// <param name="DuplicatesIgnored">Ignored duplicates seen (a leaf each only with RecordDuplicates).</param>
/// <param name="Ledger">The ledger's group-commit writer.</param>
/// <param name="Evidence">The evidence store's writer.</param>
/// <param name="LedgerDurableHead">The durable ledger head.</param>
/// <param name="RecordFailures">Events that could not be turned into a ledger record.</param>
public sealed record StorageCounters(
    long EventsDropped,
    long DuplicatesIgnored,
    GroupCommitCounters Ledger,
    EvidenceWriterCounters Evidence,
    TreeHead LedgerDurableHead,
    long RecordFailures);
