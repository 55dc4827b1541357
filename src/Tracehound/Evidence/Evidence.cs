using System.Buffers;
using System.IO.Compression;
using System.Security.Cryptography;

namespace Tracehound;

/// <summary>
/// One quarantined payload and what is known about it. The payload bytes are reachable only through
/// <see cref="TryRevealPayload"/>; <see cref="ToString"/>, logs and notifications carry metadata only.
/// </summary>
public sealed class Evidence
{
    private readonly Lock _gate = new();
    private byte[]? _bytes;
    private EvidenceCodec _codec;
    private EvidenceState _state;

    internal Evidence(
        string id,
        ThreatSignature signature,
        ThreatSignal signal,
        string source,
        DateTimeOffset capturedAt,
        byte[] canonicalBytes,
        long sequence)
    {
        Id = id;
        Signature = signature;
        Severity = signal.Severity;
        Detector = signal.Detector;
        RuleId = signal.RuleId;
        Source = source;
        CapturedAt = capturedAt;
        Size = canonicalBytes.Length;
        _bytes = canonicalBytes;
        StoredSize = canonicalBytes.Length;
        Sequence = sequence;
    }

    /// <summary>The id of the scent this evidence came from.</summary>
    public string Id { get; }

    /// <summary>The signature: category and SHA-256 of the canonical payload.</summary>
    public ThreatSignature Signature { get; }

    /// <summary>The threat category.</summary>
    public ThreatCategory Category => Signature.Category;

    /// <summary>The SHA-256 of the uncompressed canonical payload bytes.</summary>
    public ContentHash Hash => Signature.Hash;

    /// <summary>The severity the detector gave.</summary>
    public Severity Severity { get; }

    /// <summary>The detector that flagged the request.</summary>
    public string Detector { get; }

    /// <summary>The detector's rule id, when it gave one.</summary>
    public string? RuleId { get; }

    /// <summary>Who sent the request.</summary>
    public string Source { get; }

    /// <summary>When the quarantine captured it.</summary>
    public DateTimeOffset CapturedAt { get; }

    /// <summary>The canonical payload size in bytes, uncompressed.</summary>
    public int Size { get; }

    /// <summary>The quarantine's insertion number.</summary>
    public long Sequence { get; }

    /// <summary>The handle a successful intercept returned for this evidence.</summary>
    public EvidenceHandle Handle => new(Signature, Sequence);

    /// <summary>The bytes this evidence occupies in memory now (compressed or not); zero once cleared.</summary>
    public int StoredSize { get; private set; }

    /// <summary>How the bytes are held now.</summary>
    public EvidenceCodec Codec
    {
        get
        {
            lock (_gate)
            {
                return _codec;
            }
        }
    }

    /// <summary>The lifecycle state.</summary>
    public EvidenceState State
    {
        get
        {
            lock (_gate)
            {
                return _state;
            }
        }
    }

    /// <summary>Rebuilds evidence from its durable form; the caller has checked the bytes against the hash.</summary>
    internal Evidence(StoredEvidence stored)
    {
        Id = stored.Id;
        Signature = stored.Signature;
        Severity = stored.Severity;
        Detector = stored.Detector;
        RuleId = stored.RuleId;
        Source = stored.Source;
        CapturedAt = stored.CapturedAt;
        Size = stored.Size;
        Sequence = stored.Sequence;
        _bytes = stored.Bytes;
        _codec = stored.Codec;
        StoredSize = stored.Bytes.Length;
    }

    // Intrusive links of the quarantine's per-severity age list, guarded by the quarantine's lock.
    internal Evidence? Older { get; set; }

    internal Evidence? Newer { get; set; }

    internal bool Linked { get; set; }

    /// <summary>
    /// Copies out the canonical payload bytes. This is the only way to reach the payload, and callers
    /// that expose it (an admin endpoint) must record that they did. False once the bytes were cleared.
    /// </summary>
    public bool TryRevealPayload(out byte[] payload)
    {
        lock (_gate)
        {
            if (_bytes is null)
            {
                payload = [];
                return false;
            }

            if (_codec == EvidenceCodec.None)
            {
                payload = _bytes.AsSpan(0, Size).ToArray();
                return true;
            }

            payload = new byte[Size];
            if (!BrotliDecoder.TryDecompress(_bytes.AsSpan(0, StoredSize), payload, out var written) || written != Size)
            {
                payload = [];
                return false;
            }

            return true;
        }
    }

    /// <summary>
    /// Copies the bytes as they are held (compressed or not), for durable storage. Like
    /// <see cref="TryRevealPayload"/> this reaches the payload: callers must not expose what it returns.
    /// False once the bytes were cleared.
    /// </summary>
    public bool TryCopyStoredBytes(out byte[] bytes, out EvidenceCodec codec)
    {
        lock (_gate)
        {
            codec = _codec;
            if (_bytes is null)
            {
                bytes = [];
                return false;
            }

            bytes = _bytes.AsSpan(0, StoredSize).ToArray();
            return true;
        }
    }

    /// <summary>Metadata only, never the payload.</summary>
    public override string ToString() =>
        $"Evidence {{ Signature = {Signature}, Severity = {Severity}, Size = {Size}, State = {State}, Source = {Source}, CapturedAt = {CapturedAt:O} }}";

    /// <summary>Bytes the quarantine has counted for this evidence; never below <see cref="StoredSize"/>. Guarded by the quarantine's lock.</summary>
    internal int AccountedSize { get; set; }

    /// <summary>Monotonic timestamp of insertion, for time-to-live.</summary>
    internal long InsertedTimestamp { get; set; }

    /// <summary>Compresses the held bytes when that makes them smaller; returns how many bytes were released.</summary>
    internal int Compress(int brotliQuality, int brotliWindow)
    {
        lock (_gate)
        {
            if (_bytes is null || _codec != EvidenceCodec.None || _state != EvidenceState.Quarantined)
            {
                return 0;
            }

            int written;
            byte[] compressed;
            var target = ArrayPool<byte>.Shared.Rent(BrotliEncoder.GetMaxCompressedLength(Size));
            try
            {
                if (!BrotliEncoder.TryCompress(_bytes, target, out written, brotliQuality, brotliWindow) || written >= Size)
                {
                    return 0;
                }

                compressed = target.AsSpan(0, written).ToArray();
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(target, clearArray: true);
            }

            CryptographicOperations.ZeroMemory(_bytes);
            _bytes = compressed;
            _codec = EvidenceCodec.Brotli;
            var released = StoredSize - written;
            StoredSize = written;
            return released;
        }
    }

    /// <summary>Zeroes and drops the bytes and moves to a final state; returns the bytes released, or -1 if already final.</summary>
    internal int Finish(EvidenceState state)
    {
        lock (_gate)
        {
            if (_state != EvidenceState.Quarantined)
            {
                return -1;
            }

            _state = state;
            var released = StoredSize;
            if (_bytes is not null)
            {
                CryptographicOperations.ZeroMemory(_bytes);
                _bytes = null;
                StoredSize = 0;
            }

            return released;
        }
    }
}
