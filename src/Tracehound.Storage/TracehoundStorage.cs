using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Tracehound.Ledger;

namespace Tracehound.Storage;

/// <summary>
/// Makes an <see cref="Agent"/> durable: every lifecycle step of every piece of evidence becomes a leaf
/// of the Merkle-tree ledger, and the quarantined evidence itself is kept in an embedded store, both
/// in one data directory. Writes leave the request path through the agent's notification lane and two
/// bounded background lanes with group commit; when they cannot keep up, intercepts keep answering and
/// what was shed is counted and alerted. Opening a data directory recovers it and rebuilds the quarantine.
/// </summary>
public sealed class TracehoundStorage : IAsyncDisposable
{
    /// <summary>Alert code when ledger records were dropped.</summary>
    public const string LedgerDropAlert = "ledger_records_dropped";

    /// <summary>Alert code when evidence writes failed or were dropped.</summary>
    public const string EvidenceDropAlert = "evidence_writes_dropped";

    /// <summary>The least time between two <see cref="EvidenceDropAlert"/> alerts.</summary>
    public static readonly TimeSpan EvidenceDropAlertInterval = TimeSpan.FromSeconds(1);

    private readonly Agent _agent;
    private readonly TracehoundStorageOptions _options;
    private readonly TimeProvider _time;
    private readonly GroupCommitLedgerWriter _ledgerWriter;
    private readonly EvidenceStore _evidenceStore;
    private readonly EvidenceWriter _evidenceWriter;
    private readonly SourcePseudonymizer _pseudonyms;
    private readonly Subscription _subscription;
    private long _duplicates;
    private long _recordFailures;
    private long _evidenceDropsReported;
    private long _nextEvidenceDropAlert = long.MinValue;
    private int _disposed;

    private TracehoundStorage(
        Agent agent,
        TracehoundStorageOptions options,
        TimeProvider time,
        LedgerStore ledger,
        GroupCommitLedgerWriter ledgerWriter,
        EvidenceStore evidenceStore,
        SourcePseudonymizer pseudonyms)
    {
        _agent = agent;
        _options = options;
        _time = time;
        Ledger = ledger;
        _ledgerWriter = ledgerWriter;
        _evidenceStore = evidenceStore;
        _pseudonyms = pseudonyms;
        _evidenceWriter = new EvidenceWriter(evidenceStore, options.QueueCapacity, options.EvidenceBatchSize, OnEvidenceFailure);
        _ledgerWriter.DropAlert += (_, alert) => _agent.RaiseAlert(
            LedgerDropAlert,
            alert.Faulted ? Severity.Critical : Severity.High,
            alert.Faulted
                ? $"{alert.DroppedSinceLastAlert} ledger records were dropped after a ledger I/O failure ({alert.DroppedTotal} in all)."
                : $"{alert.DroppedSinceLastAlert} ledger records were dropped: the ledger could not keep up ({alert.DroppedTotal} in all, {alert.Backlog} waiting).");
        _subscription = agent.Notifications.Subscribe(OnEvent, "tracehound-storage", options.QueueCapacity);
        Recovery = new StorageRecovery(ledger.Recovery, 0, []);
    }

    /// <summary>The data directory.</summary>
    public string DataDirectory => Ledger.DataDirectory;

    /// <summary>The ledger, for reads: heads, proofs, records, checkpoints. Appends go through the storage.</summary>
    public LedgerStore Ledger { get; }

    /// <summary>The latest signed checkpoint, if one was written.</summary>
    public SignedCheckpoint? LatestCheckpoint => Ledger.LatestCheckpoint;

    /// <summary>The durable ledger head.</summary>
    public TreeHead DurableHead => _ledgerWriter.DurableHead;

    /// <summary>What opening the data directory found.</summary>
    public StorageRecovery Recovery { get; private set; }

    /// <summary>Counters of the storage lanes.</summary>
    public StorageCounters Counters => new(
        _subscription.Dropped,
        Interlocked.Read(ref _duplicates),
        _ledgerWriter.Counters,
        _evidenceWriter.Counters,
        _ledgerWriter.DurableHead,
        Interlocked.Read(ref _recordFailures));

    /// <summary>
    /// Opens (creating when absent) the data directory, recovers it, restores the quarantined evidence
    /// into <paramref name="agent"/> and starts recording its lifecycle events.
    /// </summary>
    /// <exception cref="LedgerIntegrityException">The ledger was altered or damaged; the failure names the position. Nothing is repaired.</exception>
    /// <exception cref="ArgumentException">Invalid options.</exception>
    public static TracehoundStorage Open(Agent agent, TracehoundStorageOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid Tracehound storage options: " + string.Join(" ", errors), nameof(options));
        }

        time ??= agent.TimeProvider;
        var directory = Path.GetFullPath(options.DataDirectory);
        Directory.CreateDirectory(directory);
        var ledger = LedgerStore.Open(directory, new LedgerStoreOptions
        {
            FsyncPolicy = options.FsyncPolicy,
            CheckpointInterval = options.CheckpointInterval,
            Origin = options.Origin,
        }, time);
        GroupCommitLedgerWriter? writer = null;
        EvidenceStore? evidence = null;
        TracehoundStorage? storage = null;
        try
        {
            writer = new GroupCommitLedgerWriter(ledger, new GroupCommitOptions
            {
                QueueCapacity = Math.Max(options.QueueCapacity * 2, 1024),
                WriterThreadStarting = () => LaneThread.LowerCurrentThreadPriority(),
            }, time);
            evidence = EvidenceStore.Open(directory);
            var pseudonyms = SourcePseudonymizer.Open(LedgerLayout.KeysDirectory(directory));
            storage = new TracehoundStorage(agent, options, time, ledger, writer, evidence, pseudonyms);
            storage.Restore();
            storage.RecordConfiguration();
            return storage;
        }
        catch
        {
            if (storage is not null)
            {
                // The constructor subscribed to the agent and started the evidence lane: a failed open must not
                // leave them feeding closed files (and alerting) while the host runs on in memory.
                storage._subscription.Dispose();
                storage._evidenceWriter.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }

            writer?.DisposeAsync().AsTask().GetAwaiter().GetResult();
            evidence?.Dispose();
            ledger.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Records an operator action (an admin request, a CLI command) as a ledger leaf, after every event
    /// published before the call, so the ledger keeps cause before effect. False when the record is
    /// invalid or the ledger queue is full (counted); it throws only when cancelled.
    /// </summary>
    /// <param name="actor">Who acted: a token name or operator id, never a secret.</param>
    /// <param name="action">What they did, e.g. <c>evidence.reveal</c>.</param>
    /// <param name="subject">What it concerned (a signature), or null.</param>
    /// <param name="attributes">Further hashes or identifiers.</param>
    /// <param name="cancellationToken">Cancels waiting for earlier events.</param>
    public async Task<bool> RecordOperatorActionAsync(string actor, string action, string? subject = null, IEnumerable<KeyValuePair<string, LedgerValue>>? attributes = null, CancellationToken cancellationToken = default)
    {
        await _subscription.FlushAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var all = new List<KeyValuePair<string, LedgerValue>>
            {
                new("action", LifecycleRecords.Truncate(action)),
                new("actor", LifecycleRecords.Truncate(actor)),
            };
            if (attributes is not null)
            {
                all.AddRange(attributes);
            }

            return _ledgerWriter.TryEnqueue(new LedgerRecord(LifecycleRecords.OperatorAction, string.IsNullOrEmpty(subject) ? "-" : subject, _time.GetUtcNow(), all));
        }
        catch (ArgumentException)
        {
            Interlocked.Increment(ref _recordFailures);
            return false;
        }
    }

    /// <summary>Waits until every event published so far is durable in the ledger and the evidence store.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        await _subscription.FlushAsync(cancellationToken).ConfigureAwait(false);
        await _evidenceWriter.FlushAsync(cancellationToken).ConfigureAwait(false);
        await _ledgerWriter.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Signs and writes a checkpoint of everything durable now.</summary>
    public async Task<SignedCheckpoint> CheckpointAsync(CancellationToken cancellationToken = default)
    {
        await FlushAsync(cancellationToken).ConfigureAwait(false);
        return Ledger.WriteCheckpoint();
    }

    /// <summary>Drains the lanes, writes a final checkpoint and closes the data directory.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _subscription.DisposeAsync().ConfigureAwait(false);
        await _evidenceWriter.DisposeAsync().ConfigureAwait(false);
        await _ledgerWriter.DisposeAsync().ConfigureAwait(false);
        try
        {
            Ledger.WriteCheckpoint();
        }
        catch (InvalidOperationException)
        {
            // A failed ledger cannot sign; what was durable stays durable.
        }

        Ledger.Dispose();
        _evidenceStore.Dispose();
    }

    private void Restore()
    {
        var restored = 0;
        var corrupt = new List<string>();
        foreach (var (rowId, stored, problem) in _evidenceStore.ReadAll())
        {
            if (stored is null)
            {
                corrupt.Add($"{EvidenceStore.FileName} row {rowId}: {problem}");
                continue;
            }

            switch (_agent.Quarantine.Restore(stored))
            {
                case RestoreOutcome.Restored:
                    restored++;
                    break;
                case RestoreOutcome.HashMismatch:
                    corrupt.Add($"{EvidenceStore.FileName} row {rowId} ({stored.Signature}): the bytes do not match the evidence hash");
                    break;
                case RestoreOutcome.TooLarge:
                    corrupt.Add($"{EvidenceStore.FileName} row {rowId} ({stored.Signature}): larger than the quarantine's byte limit");
                    break;
            }
        }

        Recovery = Recovery with { Restored = restored, Corrupt = corrupt };
        foreach (var problem in corrupt)
        {
            _agent.RaiseAlert("evidence_corrupt", Severity.Critical, $"Evidence not restored: {problem}.");
        }

        _ledgerWriter.TryEnqueue(new LedgerRecord(LifecycleRecords.Recovered, "storage", _time.GetUtcNow(),
        [
            new("corrupt", corrupt.Count),
            new("hash_entries_rebuilt", Ledger.Recovery.HashEntriesRebuilt),
            new("restored", restored),
            new("torn_tail_bytes", Ledger.Recovery.TornTailBytes),
        ]));
    }

    private void RecordConfiguration()
    {
        // The digest covers the options that shape what is kept; a change between starts is a ledger leaf.
        var options = _agent.Options;
        var shape = JsonSerializer.Serialize(new
        {
            options.Quarantine.MaxItems,
            QuarantineMaxBytes = options.Quarantine.MaxBytes,
            Ttl = options.Quarantine.TimeToLive?.TotalSeconds,
            PayloadMaxBytes = options.Payload.MaxBytes,
            options.Payload.MaxDepth,
            options.Payload.MaxKeys,
            options.RateLimit.MaxRequests,
            Window = options.RateLimit.Window.TotalSeconds,
            Block = options.RateLimit.BlockDuration.TotalSeconds,
            CustomLimiter = options.RateLimiter is not null,
            _options.RecordDuplicates,
            Fsync = _options.FsyncPolicy.ToString(),
        });
        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(shape)));
        var previous = _evidenceStore.GetMeta("config_digest");
        if (previous == digest)
        {
            return;
        }

        _ledgerWriter.TryEnqueue(new LedgerRecord(LifecycleRecords.ConfigChanged, "config", _time.GetUtcNow(),
        [
            new("digest", digest),
            new("previous", previous ?? "none"),
        ]));
        _evidenceStore.SetMeta("config_digest", digest);
    }

    private void OnEvent(TracehoundEvent e)
    {
        if (e is DuplicateIgnored)
        {
            Interlocked.Increment(ref _duplicates);
        }

        try
        {
            if (LifecycleRecords.From(e, _pseudonyms, _options.RecordDuplicates) is { } record)
            {
                _ledgerWriter.TryEnqueue(record);
            }
        }
        catch (ArgumentException)
        {
            Interlocked.Increment(ref _recordFailures);
        }

        switch (e)
        {
            case EvidenceQuarantined q:
                _evidenceWriter.TryEnqueue(EvidenceWrite.Capture(q.Evidence));
                break;
            case EvidenceEvicted v:
                _evidenceWriter.TryEnqueue(EvidenceWrite.Remove(v.Evidence.Signature, v.Evidence.Sequence));
                break;
            case EvidenceNeutralized n:
                _evidenceWriter.TryEnqueue(EvidenceWrite.Remove(n.Evidence.Signature, n.Evidence.Sequence));
                break;
            case EvidenceEvacuated x:
                _evidenceWriter.TryEnqueue(EvidenceWrite.Remove(x.Evidence.Signature, x.Evidence.Sequence));
                break;
            case EvidencePurged p:
                _evidenceWriter.TryEnqueue(EvidenceWrite.Remove(p.Evidence.Signature, p.Evidence.Sequence));
                break;
        }

        // Events arrive on one lane thread. Under a flood every event can add a drop: the alert goes out
        // for the first one, then at most once per interval, so reporting does not add to the load.
        var dropped = _evidenceWriter.Dropped;
        if (dropped > _evidenceDropsReported && _time.GetTimestamp() >= _nextEvidenceDropAlert)
        {
            _evidenceDropsReported = dropped;
            _nextEvidenceDropAlert = _time.GetTimestamp() + (long)(EvidenceDropAlertInterval.TotalSeconds * _time.TimestampFrequency);
            _agent.RaiseAlert(EvidenceDropAlert, Severity.High, $"{dropped} evidence writes were dropped so far: the evidence store could not keep up.");
        }
    }

    private void OnEvidenceFailure(Exception error) =>
        _agent.RaiseAlert(EvidenceDropAlert, Severity.High, $"An evidence store batch failed twice and was dropped ({error.GetType().Name}: {error.Message}).");
}
