namespace Tracehound;

/// <summary>
/// Holds evidence keyed by signature within hard limits on item count and bytes, which are never
/// exceeded, not even transiently: room is made before new evidence is added. When full, the lowest
/// severity goes first and, within a severity, the oldest. Every eviction is announced, and evicting
/// high or critical evidence raises an alert. Every operation is O(1) except listing.
/// </summary>
public sealed class Quarantine
{
    [ThreadStatic]
    private static List<(Evidence Evidence, EvictionReason Reason)>? t_evicted;

    private readonly Lock _gate = new();
    private readonly Dictionary<ThreatSignature, Evidence> _index;
    private readonly AgeList[] _bySeverity = [new(), new(), new(), new()];
    private readonly QuarantineOptions _options;
    private readonly TimeProvider _time;
    private readonly NotificationHub _hub;
    private readonly AlertGate _alerts;
    private readonly long _ttlTicks;
    private CompressionLane? _compression;
    private int _count;
    private long _bytes;
    private long _sequence;
    private long _evictedForItems;
    private long _evictedForBytes;
    private long _expired;

    internal Quarantine(QuarantineOptions options, TimeProvider time, NotificationHub hub, AlertGate alerts)
    {
        _options = options;
        _time = time;
        _hub = hub;
        _alerts = alerts;
        _index = new Dictionary<ThreatSignature, Evidence>(Math.Min(options.MaxItems, 1 << 20));
        _ttlTicks = options.TimeToLive is { } ttl ? (long)(ttl.TotalSeconds * time.TimestampFrequency) : 0;
    }

    /// <summary>Pieces of evidence held.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Bytes held (as counted against the limit: compressed size once compressed).</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>The item limit.</summary>
    public int MaxItems => _options.MaxItems;

    /// <summary>The byte limit.</summary>
    public long MaxBytes => _options.MaxBytes;

    /// <summary>The higher of the item and byte fill ratios, 0 to 1.</summary>
    public double FillRatio => Math.Max((double)Count / _options.MaxItems, (double)Bytes / _options.MaxBytes);

    /// <summary>Evictions by reason since start.</summary>
    public EvictionCounts Evictions
    {
        get
        {
            lock (_gate)
            {
                return new(_evictedForItems, _evictedForBytes, _expired);
            }
        }
    }

    /// <summary>The evidence held under <paramref name="signature"/>, or null.</summary>
    public Evidence? Find(ThreatSignature signature)
    {
        lock (_gate)
        {
            return _index.GetValueOrDefault(signature);
        }
    }

    /// <summary>The evidence held under a signature written <c>category:hex</c>, or null (also for a malformed signature).</summary>
    public Evidence? Find(string signature) => ThreatSignature.TryParse(signature, out var parsed) ? Find(parsed) : null;

    /// <summary>Every piece of evidence held, in quarantine order (oldest first). O(n): for operators, not hot paths.</summary>
    public IReadOnlyList<Evidence> List()
    {
        lock (_gate)
        {
            var all = new List<Evidence>(_count);
            all.AddRange(_index.Values);
            all.Sort(static (a, b) => a.Sequence.CompareTo(b.Sequence));
            return all;
        }
    }

    /// <summary>Count and bytes per severity.</summary>
    public QuarantineSnapshot Snapshot()
    {
        lock (_gate)
        {
            var buckets = new SeverityBucket[_bySeverity.Length];
            for (var i = 0; i < buckets.Length; i++)
            {
                buckets[i] = new SeverityBucket((Severity)i, _bySeverity[i].Count, _bySeverity[i].Bytes);
            }

            return new QuarantineSnapshot(_count, _bytes, _options.MaxItems, _options.MaxBytes, buckets);
        }
    }

    /// <summary>
    /// Neutralizes the evidence: zeroes its bytes, releases it and returns the record that remains.
    /// False when no evidence with that signature is held.
    /// </summary>
    public bool TryNeutralize(ThreatSignature signature, out NeutralizationRecord? record)
    {
        Evidence? evidence;
        lock (_gate)
        {
            if (!_index.TryGetValue(signature, out evidence))
            {
                record = null;
                return false;
            }

            RemoveLocked(evidence);
            evidence.Finish(EvidenceState.Neutralized);
            var now = _time.GetUtcNow();
            record = new NeutralizationRecord(evidence.Id, evidence.Signature, evidence.Hash, evidence.Size, now);
            PublishLocked(new EvidenceNeutralized(now, evidence, record));
        }

        return true;
    }

    /// <summary>
    /// Hands the evidence to <paramref name="sink"/> and, once the sink has it, releases it from the
    /// quarantine. If the sink throws, the evidence stays quarantined.
    /// </summary>
    public async ValueTask<EvacuationResult> EvacuateAsync(ThreatSignature signature, IEvidenceSink sink, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sink);
        var evidence = Find(signature);
        if (evidence is null)
        {
            return new EvacuationResult(EvacuationStatus.NotFound);
        }

        try
        {
            await sink.AcceptAsync(evidence, cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The sink's failure is reported as a result; the evidence stays held.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return new EvacuationResult(EvacuationStatus.SinkFailed, $"{sink.Name}: {ex.GetType().Name}: {ex.Message}");
        }

        lock (_gate)
        {
            if (evidence.Linked)
            {
                RemoveLocked(evidence);
            }

            // Evicted while the sink was copying it: the sink has it, but its lifecycle already ended.
            if (evidence.Finish(EvidenceState.Evacuated) >= 0)
            {
                PublishLocked(new EvidenceEvacuated(_time.GetUtcNow(), evidence, sink.Name));
            }
        }

        return new EvacuationResult(EvacuationStatus.Evacuated);
    }

    /// <summary>Deletes the evidence (e.g. an erasure request): bytes zeroed, lifecycle event raised.</summary>
    public bool Purge(ThreatSignature signature, string reason = "erasure")
    {
        Evidence? evidence;
        lock (_gate)
        {
            if (!_index.TryGetValue(signature, out evidence))
            {
                return false;
            }

            RemoveLocked(evidence);
            evidence.Finish(EvidenceState.Purged);
            PublishLocked(new EvidencePurged(_time.GetUtcNow(), evidence, reason));
        }

        return true;
    }

    /// <summary>Purges everything held; returns how many pieces of evidence were purged.</summary>
    public int Flush()
    {
        List<Evidence> purged;
        lock (_gate)
        {
            purged = [.. _index.Values];
            var now = _time.GetUtcNow();
            foreach (var evidence in purged)
            {
                RemoveLocked(evidence);
                evidence.Finish(EvidenceState.Purged);
                PublishLocked(new EvidencePurged(now, evidence, "flush"));
            }
        }

        return purged.Count;
    }

    internal void AttachCompression(CompressionLane lane) => _compression = lane;

    /// <summary>Quarantines the canonical bytes unless the signature is already held; evicts first to stay within limits.</summary>
    internal Admission Admit(ThreatSignature signature, Scent scent, ThreatSignal signal, ReadOnlySpan<byte> canonical, out EvidenceHandle handle)
    {
        var evicted = t_evicted ??= [];
        Evidence evidence;
        lock (_gate)
        {
            if (_index.TryGetValue(signature, out var held))
            {
                handle = held.Handle;
                return Admission.Duplicate;
            }

            var size = canonical.Length;
            var now = _time.GetUtcNow();
            MakeRoomLocked(size, evicted, now);

            evidence = new Evidence(scent.Id, signature, signal, scent.Source, now, canonical.ToArray(), ++_sequence)
            {
                AccountedSize = size,
                InsertedTimestamp = _time.GetTimestamp(),
            };
            AddLocked(evidence);
            handle = evidence.Handle;
            PublishLocked(new EvidenceQuarantined(now, evidence));
        }

        if (evicted.Count > 0)
        {
            RaiseEvictionAlerts(evicted);
        }

        _compression?.Offer(evidence);
        return Admission.Quarantined;
    }

    /// <summary>
    /// Restores evidence recovered from durable storage (at start-up) under the same limits and eviction
    /// order. Its bytes must decode to a payload matching the signature's hash; restoring publishes no
    /// <see cref="EvidenceQuarantined"/> event (it was announced when first captured), but evictions it
    /// causes are announced as usual.
    /// </summary>
    public RestoreOutcome Restore(StoredEvidence stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (!Enum.IsDefined(stored.Severity) || string.IsNullOrEmpty(stored.Detector))
        {
            throw new ArgumentException($"Stored evidence {stored.Signature} has an undefined severity or no detector.", nameof(stored));
        }

        if (!stored.VerifyHash())
        {
            return RestoreOutcome.HashMismatch;
        }

        if (stored.Bytes.Length > _options.MaxBytes)
        {
            return RestoreOutcome.TooLarge;
        }

        var evidence = new Evidence(stored);
        var evicted = t_evicted ??= [];
        lock (_gate)
        {
            if (_index.ContainsKey(stored.Signature))
            {
                return RestoreOutcome.Duplicate;
            }

            evidence.AccountedSize = evidence.StoredSize;
            MakeRoomLocked(evidence.AccountedSize, evicted, _time.GetUtcNow());

            evidence.InsertedTimestamp = _time.GetTimestamp();
            _sequence = Math.Max(_sequence, stored.Sequence);
            AddLocked(evidence);
        }

        if (evicted.Count > 0)
        {
            RaiseEvictionAlerts(evicted);
        }

        if (evidence.Codec == EvidenceCodec.None)
        {
            _compression?.Offer(evidence);
        }

        return RestoreOutcome.Restored;
    }

    /// <summary>Called by the compression lane: count the evidence at its new, smaller size.</summary>
    internal void OnCompressed(Evidence evidence)
    {
        lock (_gate)
        {
            if (!evidence.Linked)
            {
                return;
            }

            var released = evidence.AccountedSize - evidence.StoredSize;
            if (released > 0)
            {
                evidence.AccountedSize = evidence.StoredSize;
                _bytes -= released;
                _bySeverity[(int)evidence.Severity].Bytes -= released;
            }
        }
    }

    /// <summary>Evicts evidence whose time to live ran out; walks only the expired heads of the age lists.</summary>
    internal int SweepExpired()
    {
        if (_ttlTicks <= 0)
        {
            return 0;
        }

        var evicted = t_evicted ??= [];
        var now = _time.GetTimestamp();
        lock (_gate)
        {
            var utcNow = _time.GetUtcNow();
            foreach (var list in _bySeverity)
            {
                while (list.Oldest is { } oldest && now - oldest.InsertedTimestamp >= _ttlTicks)
                {
                    EvictLocked(oldest, EvictionReason.Expired, evicted, utcNow);
                }
            }
        }

        var count = evicted.Count;
        if (count > 0)
        {
            RaiseEvictionAlerts(evicted);
        }

        return count;
    }

    /// <summary>Evicts lowest severity, oldest first, until one more item of <paramref name="size"/> bytes fits.</summary>
    private void MakeRoomLocked(long size, List<(Evidence Evidence, EvictionReason Reason)> evicted, DateTimeOffset now)
    {
        while (_count + 1 > _options.MaxItems || _bytes + size > _options.MaxBytes)
        {
            var victim = LowestPriorityLocked();
            if (victim is null)
            {
                return;
            }

            EvictLocked(victim, _count + 1 > _options.MaxItems ? EvictionReason.ItemLimit : EvictionReason.ByteLimit, evicted, now);
        }
    }

    private void EvictLocked(Evidence victim, EvictionReason reason, List<(Evidence Evidence, EvictionReason Reason)> evicted, DateTimeOffset now)
    {
        RemoveLocked(victim);
        victim.Finish(EvidenceState.Evicted);
        switch (reason)
        {
            case EvictionReason.ItemLimit: _evictedForItems++; break;
            case EvictionReason.ByteLimit: _evictedForBytes++; break;
            default: _expired++; break;
        }

        PublishLocked(new EvidenceEvicted(now, victim, reason));
        evicted.Add((victim, reason));
    }

    /// <summary>
    /// Lifecycle events are published under the lock, so every subscriber sees each piece of evidence's
    /// steps in the order they happened (never an eviction before its quarantine).
    /// </summary>
    private void PublishLocked(TracehoundEvent e)
    {
        if (_hub.HasSubscribers)
        {
            _hub.Publish(e);
        }
    }

    private Evidence? LowestPriorityLocked()
    {
        foreach (var list in _bySeverity)
        {
            if (list.Oldest is { } oldest)
            {
                return oldest;
            }
        }

        return null;
    }

    private void AddLocked(Evidence evidence)
    {
        _index.Add(evidence.Signature, evidence);
        _bySeverity[(int)evidence.Severity].Append(evidence);
        _count++;
        _bytes += evidence.AccountedSize;
    }

    private void RemoveLocked(Evidence evidence)
    {
        _index.Remove(evidence.Signature);
        _bySeverity[(int)evidence.Severity].Remove(evidence);
        _count--;
        _bytes -= evidence.AccountedSize;
    }

    private void RaiseEvictionAlerts(List<(Evidence Evidence, EvictionReason Reason)> evicted)
    {
        foreach (var (victim, reason) in evicted)
        {
            if (victim.Severity >= Severity.High)
            {
                _alerts.Raise(
                    AlertCodes.HighSeverityEvicted,
                    victim.Severity,
                    $"{victim.Severity} evidence {victim.Signature} was evicted ({reason}).",
                    victim.Signature);
            }
        }

        evicted.Clear();
    }
}
