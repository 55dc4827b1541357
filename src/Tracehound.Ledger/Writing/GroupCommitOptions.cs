namespace Tracehound.Ledger;

/// <summary>Options of a <see cref="GroupCommitLedgerWriter"/>.</summary>
public sealed class GroupCommitOptions
{
    /// <summary>Default of <see cref="QueueCapacity"/>.</summary>
    public const int DefaultQueueCapacity = 65_536;

    /// <summary>Default of <see cref="MaxBatchSize"/>.</summary>
    public const int DefaultMaxBatchSize = 8_192;

    /// <summary>Default of <see cref="DropAlertInterval"/>: one second.</summary>
    public static readonly TimeSpan DefaultDropAlertInterval = TimeSpan.FromSeconds(1);

    /// <summary>Records waiting at most; beyond it <see cref="GroupCommitLedgerWriter.TryEnqueue(LedgerRecord)"/> drops and counts.</summary>
    public int QueueCapacity { get; init; } = DefaultQueueCapacity;

    /// <summary>The most records made durable by one fsync.</summary>
    public int MaxBatchSize { get; init; } = DefaultMaxBatchSize;

    /// <summary>The least time between two <see cref="GroupCommitLedgerWriter.DropAlert"/> events.</summary>
    public TimeSpan DropAlertInterval { get; init; } = DefaultDropAlertInterval;

    /// <summary>
    /// Runs first on the writer thread, before any record is written: a host uses it to set the thread's
    /// scheduling priority, for instance. An exception it throws is ignored.
    /// </summary>
    public Action? WriterThreadStarting { get; init; }

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(QueueCapacity, 1, nameof(QueueCapacity));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBatchSize, 1, nameof(MaxBatchSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(DropAlertInterval, TimeSpan.Zero, nameof(DropAlertInterval));
    }
}
