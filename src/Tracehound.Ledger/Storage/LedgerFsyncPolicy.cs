namespace Tracehound.Ledger;

/// <summary>When appended records are forced to disk.</summary>
public enum LedgerFsyncPolicy
{
    /// <summary>
    /// Records become durable at <see cref="LedgerStore.Commit"/> (one fsync per batch). The bound:
    /// at most <see cref="LedgerStoreOptions.MaxUnsyncedRecords"/> appended records are ever waiting,
    /// because <see cref="LedgerStore.Append"/> commits by itself when that many are pending.
    /// </summary>
    PerBatch,

    /// <summary>Every <see cref="LedgerStore.Append"/> is durable before it returns (one fsync per record).</summary>
    EveryAppend,
}
