namespace Tracehound.Ledger;

/// <summary>
/// Takes ledger writes off a hot path: <see cref="TryEnqueue(LedgerRecord)"/> puts a record in a
/// bounded queue without blocking or throwing, and one background thread appends queued records in
/// batches, each made durable by a single commit (group commit). When the queue is full, or after an
/// I/O failure, records are dropped and counted and <see cref="DropAlert"/> is raised — the caller keeps
/// running (fail-open). What <see cref="DurableHead"/>, <see cref="Committed"/>,
/// <see cref="FlushAsync"/> or <see cref="WaitForDurableAsync"/> report as durable has been fsynced
/// and is never lost. The writer owns the store's appends while it runs; it does not dispose the store.
/// </summary>
public sealed class GroupCommitLedgerWriter : IAsyncDisposable
{
    private readonly LedgerStore _store;
    private readonly GroupCommitOptions _options;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly LedgerRecord?[] _queue;
    private readonly ulong _baseSize;
    private readonly Thread _thread;
    private readonly SemaphoreSlim _signal = new(0);
    private readonly List<(ulong Leaf, TaskCompletionSource Done)> _waiters = [];
    private int _head;
    private int _count;
    private bool _consumerWaiting;
    private bool _stopping;
    private bool _faulted;
    private long _enqueued;
    private long _committed;
    private long _dropped;
    private long _droppedAfterAccept;
    private long _batches;
    private long _failures;
    private long _handlerFailures;
    private long _droppedAtLastAlert;
    private DateTimeOffset _lastAlert = DateTimeOffset.MinValue;
    private TreeHead _durable;
    private Exception? _failure;

    /// <summary>Starts a writer over <paramref name="store"/>, which must be writable and not shared with another writer.</summary>
    public GroupCommitLedgerWriter(LedgerStore store, GroupCommitOptions? options = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (store.IsReadOnly)
        {
            throw new ArgumentException("the store is read-only", nameof(store));
        }

        if (store.WriterAttached)
        {
            throw new InvalidOperationException("the store already has a group-commit writer");
        }

        _options = options ?? new GroupCommitOptions();
        _options.Validate();
        _store = store;
        _time = time ?? TimeProvider.System;
        _queue = new LedgerRecord?[_options.QueueCapacity];
        _durable = store.Commit();
        _baseSize = _durable.Size.Value;
        store.WriterAttached = true;
        _thread = new Thread(Run) { IsBackground = true, Name = "tracehound-ledger-writer" };
        _thread.Start();
    }

    /// <summary>Raised on the writer thread after records were dropped, rate-limited. Handlers must be quick; exceptions are caught and counted.</summary>
    public event EventHandler<LedgerDropAlert>? DropAlert;

    /// <summary>Raised on the writer thread after each commit with the new durable head. Handlers must be quick; exceptions are caught and counted.</summary>
    public event EventHandler<TreeHead>? Committed;

    /// <summary>The head of what is durable.</summary>
    public TreeHead DurableHead
    {
        get
        {
            lock (_gate)
            {
                return _durable;
            }
        }
    }

    /// <summary>A snapshot of the counters.</summary>
    public GroupCommitCounters Counters
    {
        get
        {
            lock (_gate)
            {
                return new GroupCommitCounters(_enqueued, _committed, _dropped, _enqueued - _committed - _droppedAfterAccept, _batches, _failures, _handlerFailures);
            }
        }
    }

    /// <summary>Queues a record; never blocks, never throws. False (and a counted drop) when the queue is full or the writer stopped.</summary>
    public bool TryEnqueue(LedgerRecord record) => TryEnqueue(record, out _);

    /// <summary>Queues a record and gives the leaf index it will have; never blocks, never throws.</summary>
    public bool TryEnqueue(LedgerRecord record, out LeafIndex leaf)
    {
        bool wake;
        lock (_gate)
        {
            if (record is null || _stopping || _faulted || _count == _queue.Length)
            {
                _dropped++;
                leaf = default;
                return false;
            }

            _queue[(_head + _count) % _queue.Length] = record;
            _count++;
            // Records keep their queue order, and nothing else appends while the writer runs.
            leaf = new LeafIndex(_baseSize + (ulong)_enqueued);
            _enqueued++;
            wake = _consumerWaiting;
            _consumerWaiting = false;
        }

        if (wake)
        {
            _signal.Release();
        }

        return true;
    }

    /// <summary>Completes when every record accepted before the call is durable.</summary>
    /// <exception cref="IOException">The writer failed before those records became durable.</exception>
    public Task FlushAsync(CancellationToken cancellationToken = default)
    {
        ulong target;
        lock (_gate)
        {
            target = _baseSize + (ulong)_enqueued;
        }

        return target == 0 ? Task.CompletedTask : WaitForDurableAsync(new LeafIndex(target - 1), cancellationToken);
    }

    /// <summary>Completes when the leaf at <paramref name="leaf"/> is durable.</summary>
    /// <exception cref="IOException">The writer failed before the leaf became durable.</exception>
    public Task WaitForDurableAsync(LeafIndex leaf, CancellationToken cancellationToken = default)
    {
        TaskCompletionSource done;
        lock (_gate)
        {
            if (leaf.Value < _durable.Size.Value)
            {
                return Task.CompletedTask;
            }

            if (leaf.Value >= _baseSize + (ulong)_enqueued)
            {
                throw new ArgumentOutOfRangeException(nameof(leaf), leaf, "no record with this leaf index was enqueued");
            }

            if (_faulted || (_stopping && !_thread.IsAlive))
            {
                return Task.FromException(new IOException("the ledger writer stopped before this record became durable", _failure));
            }

            done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((leaf.Value, done));
        }

        return cancellationToken.CanBeCanceled ? done.Task.WaitAsync(cancellationToken) : done.Task;
    }

    /// <summary>Stops accepting records, makes everything queued durable, and stops the thread.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            if (_stopping)
            {
                return;
            }

            _stopping = true;
        }

        _signal.Release();
        await Task.Run(_thread.Join).ConfigureAwait(false);
        _store.WriterAttached = false;
        _signal.Dispose();
    }

    private void Run()
    {
        try
        {
            _options.WriterThreadStarting?.Invoke();
        }
#pragma warning disable CA1031 // A failing hook leaves the thread as it is; the writer's work does not depend on it.
        catch (Exception)
#pragma warning restore CA1031
        {
        }

        var batch = new List<LedgerRecord>(_options.MaxBatchSize);
        while (true)
        {
            bool stop;
            lock (_gate)
            {
                while (_count > 0 && batch.Count < _options.MaxBatchSize)
                {
                    batch.Add(_queue[_head]!);
                    _queue[_head] = null;
                    _head = (_head + 1) % _queue.Length;
                    _count--;
                }

                stop = _stopping && batch.Count == 0 && _count == 0;
                if (batch.Count == 0 && !stop)
                {
                    _consumerWaiting = true;
                }
            }

            if (stop)
            {
                FailWaiters(new IOException("the ledger writer stopped", _failure));
                return;
            }

            if (batch.Count == 0)
            {
                _signal.Wait();
                continue;
            }

            WriteBatch(batch);
            batch.Clear();
            RaiseDropAlert();
        }
    }

    private void WriteBatch(List<LedgerRecord> batch)
    {
        if (_faulted)
        {
            lock (_gate)
            {
                _dropped += batch.Count;
                _droppedAfterAccept += batch.Count;
            }

            return;
        }

        TreeHead head;
        try
        {
            foreach (var record in batch)
            {
                _store.AppendFromWriter(record);
            }

            head = _store.Commit();
        }
#pragma warning disable CA1031 // Any failure (I/O, signing, a bug) faults the writer: it must never end the host process.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            lock (_gate)
            {
                _faulted = true;
                _failure = exception;
                _failures++;
                _dropped += batch.Count + _count;
                _droppedAfterAccept += batch.Count + _count;
                for (var i = 0; i < _count; i++)
                {
                    _queue[(_head + i) % _queue.Length] = null;
                }

                _count = 0;
            }

            FailWaiters(new IOException("the ledger writer failed: " + exception.Message, exception));
            return;
        }

        List<TaskCompletionSource> ready = [];
        lock (_gate)
        {
            _durable = head;
            _committed += batch.Count;
            _batches++;
            _waiters.RemoveAll(w =>
            {
                if (w.Leaf < head.Size.Value)
                {
                    ready.Add(w.Done);
                    return true;
                }

                return false;
            });
        }

        foreach (var done in ready)
        {
            done.TrySetResult();
        }

        Raise(() => Committed?.Invoke(this, head));
    }

    private void RaiseDropAlert()
    {
        LedgerDropAlert alert;
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (_dropped == _droppedAtLastAlert || now - _lastAlert < _options.DropAlertInterval)
            {
                return;
            }

            alert = new LedgerDropAlert(_dropped - _droppedAtLastAlert, _dropped, _count, _faulted);
            _droppedAtLastAlert = _dropped;
            _lastAlert = now;
        }

        Raise(() => DropAlert?.Invoke(this, alert));
    }

    private void Raise(Action raise)
    {
        try
        {
            raise();
        }
#pragma warning disable CA1031 // A subscriber's failure must never stop the writer.
        catch (Exception)
#pragma warning restore CA1031
        {
            Interlocked.Increment(ref _handlerFailures);
        }
    }

    private void FailWaiters(Exception exception)
    {
        List<TaskCompletionSource> failed;
        lock (_gate)
        {
            failed = [.. _waiters.Select(w => w.Done)];
            _waiters.Clear();
        }

        foreach (var done in failed)
        {
            done.TrySetException(exception);
        }
    }
}
