namespace Tracehound.Ledger;

/// <summary>Options of a <see cref="LedgerStore"/>. Defaults are the documented constants.</summary>
public sealed class LedgerStoreOptions
{
    /// <summary>Default of <see cref="MaxUnsyncedRecords"/>.</summary>
    public const int DefaultMaxUnsyncedRecords = 16_384;

    /// <summary>Default of <see cref="MaxSegmentBytes"/>: 32 MiB.</summary>
    public const long DefaultMaxSegmentBytes = 32L * 1024 * 1024;

    /// <summary>Default of <see cref="CheckpointInterval"/>: 5 seconds.</summary>
    public static readonly TimeSpan DefaultCheckpointInterval = TimeSpan.FromSeconds(5);

    /// <summary>When records are forced to disk; default <see cref="LedgerFsyncPolicy.PerBatch"/>.</summary>
    public LedgerFsyncPolicy FsyncPolicy { get; init; } = LedgerFsyncPolicy.PerBatch;

    /// <summary>With <see cref="LedgerFsyncPolicy.PerBatch"/>, the most records that may be appended but not yet durable.</summary>
    public int MaxUnsyncedRecords { get; init; } = DefaultMaxUnsyncedRecords;

    /// <summary>A segment file is sealed and a new one started once it reaches this size.</summary>
    public long MaxSegmentBytes { get; init; } = DefaultMaxSegmentBytes;

    /// <summary>
    /// The least time between two automatic checkpoints written by <see cref="LedgerStore.Commit"/>
    /// (a commit that grew the tree writes one when this much time passed since the last).
    /// <see cref="TimeSpan.Zero"/> checkpoints every commit; <see cref="Timeout.InfiniteTimeSpan"/> only on request and on dispose.
    /// </summary>
    public TimeSpan CheckpointInterval { get; init; } = DefaultCheckpointInterval;

    /// <summary>
    /// The log origin (checkpoint first line and key name). Null: a new ledger gets
    /// <c>tracehound.local/ledger-&lt;8 random hex&gt;</c>; an existing one keeps its own. A value that
    /// differs from an existing ledger's origin fails the open.
    /// </summary>
    public string? Origin { get; init; }

    /// <summary>
    /// Open without writing anything: no lock, no key creation, no truncation of a torn tail (it is
    /// left out of the view and reported). Appends fail.
    /// </summary>
    public bool ReadOnly { get; init; }

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxUnsyncedRecords, 1, nameof(MaxUnsyncedRecords));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxSegmentBytes, 4096, nameof(MaxSegmentBytes));
        if (CheckpointInterval < TimeSpan.Zero && CheckpointInterval != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(CheckpointInterval), CheckpointInterval, "must be zero, positive or infinite");
        }

        if (Origin is not null && !NoteVerifierKey.IsValidKeyName(Origin))
        {
            throw new ArgumentException($"origin '{Origin}' must be non-empty without spaces or '+'", nameof(Origin));
        }
    }
}
