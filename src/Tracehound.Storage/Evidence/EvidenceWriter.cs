using System.IO.Compression;
using System.Threading.Channels;

namespace Tracehound.Storage;

/// <summary>
/// The evidence store's background lane: writes wait in a bounded queue and are committed in batches,
/// one transaction (one fsync) per batch. A full queue drops and counts; a failed batch is retried once,
/// then dropped, counted and reported. Evidence the quarantine has not compressed yet is compressed
/// here (Brotli quality 1), off the request path.
/// </summary>
internal sealed class EvidenceWriter : IAsyncDisposable
{
    private readonly EvidenceStore _store;
    private readonly Channel<object> _queue;
    private readonly int _batchSize;
    private readonly Action<Exception> _onFailure;
    private readonly Task _loop;
    private long _enqueued;
    private long _committed;
    private long _dropped;
    private long _failures;
    private long _batches;
    private long _coalesced;

    // Captures never written because they had left the quarantine first; their deletes are skipped too.
    private readonly HashSet<(ThreatSignature Signature, long Sequence)> _unwritten = [];

    public EvidenceWriter(EvidenceStore store, int capacity, int batchSize, Action<Exception> onFailure)
    {
        _store = store;
        _batchSize = batchSize;
        _onFailure = onFailure;
        _queue = Channel.CreateBounded<object>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _loop = LaneThread.Start("tracehound-evidence-writer", Run);
    }

    public EvidenceWriterCounters Counters => new(
        Interlocked.Read(ref _enqueued),
        Interlocked.Read(ref _committed),
        Interlocked.Read(ref _dropped),
        Interlocked.Read(ref _failures),
        Interlocked.Read(ref _batches),
        _queue.Reader.Count,
        Interlocked.Read(ref _coalesced));

    public long Dropped => Interlocked.Read(ref _dropped);

    public bool TryEnqueue(EvidenceWrite write)
    {
        if (_queue.Writer.TryWrite(write))
        {
            Interlocked.Increment(ref _enqueued);
            return true;
        }

        Interlocked.Increment(ref _dropped);
        return false;
    }

    /// <summary>Completes once every write queued before the call is committed (or dropped after failing).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            await _queue.Writer.WriteAsync(done, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            return;
        }

        await done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private void Run()
    {
        var batch = new List<EvidenceWrite>(_batchSize);
        var markers = new List<TaskCompletionSource>();
        while (LanePolling.WaitToRead(_queue.Reader, CancellationToken.None))
        {
            while (batch.Count < _batchSize && _queue.Reader.TryRead(out var item))
            {
                if (item is TaskCompletionSource marker)
                {
                    markers.Add(marker);
                }
                else if (Resolve((EvidenceWrite)item) is { } write)
                {
                    batch.Add(write);
                }
            }

            if (batch.Count > 0)
            {
                Commit(batch);
                batch.Clear();
            }

            foreach (var marker in markers)
            {
                marker.TrySetResult();
            }

            markers.Clear();
        }
    }

    private void Commit(List<EvidenceWrite> batch)
    {
        // One retry absorbs a transient fault (a busy file, a brief I/O error); a second failure drops the batch.
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            try
            {
                _store.Apply(batch);
                Interlocked.Add(ref _committed, batch.Count);
                Interlocked.Increment(ref _batches);
                return;
            }
#pragma warning disable CA1031 // A failed batch is counted and reported; the lane and the host keep running.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                if (attempt == 2)
                {
                    Interlocked.Add(ref _failures, batch.Count);
                    _onFailure(ex);
                }
            }
        }
    }

    /// <summary>Turns a queued write into what the store applies, or null when there is nothing left to do.</summary>
    private EvidenceWrite? Resolve(EvidenceWrite write)
    {
        if (write.Live is { } live)
        {
            if (!live.TryCopyStoredBytes(out var bytes, out var codec))
            {
                // Gone before its turn: evicted or released. Its row never existed, so its delete need not run.
                if (_unwritten.Count > 100_000)
                {
                    _unwritten.Clear();
                }

                _unwritten.Add((live.Signature, live.Sequence));
                Interlocked.Increment(ref _coalesced);
                return null;
            }

            return Compressed(EvidenceWrite.Store(new StoredEvidence(
                live.Id, live.Signature, live.Severity, live.Detector, live.RuleId, live.Source,
                live.CapturedAt, live.Size, live.Sequence, codec, bytes)));
        }

        if (write.Delete is { } signature && _unwritten.Remove((signature, write.Sequence)))
        {
            Interlocked.Increment(ref _coalesced);
            return null;
        }

        return Compressed(write);
    }

    private static EvidenceWrite Compressed(EvidenceWrite write)
    {
        if (write.Put is not { Codec: EvidenceCodec.None, Size: >= 64 } stored)
        {
            return write;
        }

        var target = new byte[BrotliEncoder.GetMaxCompressedLength(stored.Bytes.Length)];
        if (!BrotliEncoder.TryCompress(stored.Bytes, target, out var written, 1, 22) || written >= stored.Bytes.Length)
        {
            return write;
        }

        return EvidenceWrite.Store(stored with { Codec = EvidenceCodec.Brotli, Bytes = target.AsSpan(0, written).ToArray() });
    }
}

/// <summary>Counters of the evidence lane.</summary>
/// <param name="Enqueued">Writes accepted.</param>
/// <param name="Committed">Writes made durable.</param>
/// <param name="Dropped">Writes dropped because the queue was full.</param>
/// <param name="Failed">Writes lost to store failures.</param>
/// <param name="Batches">Transactions committed.</param>
/// <param name="Backlog">Writes waiting.</param>
/// <param name="Coalesced">Writes skipped because the evidence had left the quarantine before its put was written (put and delete both).</param>
public readonly record struct EvidenceWriterCounters(long Enqueued, long Committed, long Dropped, long Failed, long Batches, int Backlog, long Coalesced);
