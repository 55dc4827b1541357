using System.Buffers;
using System.IO.Compression;
using System.Security.Cryptography;

namespace Tracehound;

/// <summary>
/// Evidence in its durable form, as a storage integration writes and reads it: metadata and the bytes as
/// held (see <see cref="Evidence.TryCopyStoredBytes"/>). Restored with <see cref="Quarantine.Restore"/>.
/// </summary>
/// <param name="Id">The scent id.</param>
/// <param name="Signature">The signature.</param>
/// <param name="Severity">The severity.</param>
/// <param name="Detector">The detector.</param>
/// <param name="RuleId">The detector's rule id.</param>
/// <param name="Source">Who sent it.</param>
/// <param name="CapturedAt">When it was quarantined.</param>
/// <param name="Size">The uncompressed canonical size.</param>
/// <param name="Sequence">The quarantine insertion number.</param>
/// <param name="Codec">How <paramref name="Bytes"/> are encoded.</param>
/// <param name="Bytes">The bytes as held.</param>
public sealed record StoredEvidence(
    string Id,
    ThreatSignature Signature,
    Severity Severity,
    string Detector,
    string? RuleId,
    string Source,
    DateTimeOffset CapturedAt,
    int Size,
    long Sequence,
    EvidenceCodec Codec,
    byte[] Bytes)
{
    /// <summary>Metadata only, never the bytes.</summary>
    public override string ToString() => $"StoredEvidence {{ Signature = {Signature}, Severity = {Severity}, Size = {Size}, Codec = {Codec}, Sequence = {Sequence} }}";

    /// <summary>Decodes the bytes to the canonical payload; false when they do not decode to <see cref="Size"/> bytes.</summary>
    /// <remarks>Allocates <see cref="Size"/> bytes: call <see cref="VerifyHash"/> first on bytes read from disk.</remarks>
    public bool TryDecode(out byte[] canonical)
    {
        if (Codec == EvidenceCodec.None)
        {
            canonical = Bytes;
            return Bytes.Length == Size;
        }

        if (Size < 0)
        {
            canonical = [];
            return false;
        }

        canonical = new byte[Size];
        return BrotliDecoder.TryDecompress(Bytes, canonical, out var written) && written == Size;
    }

    /// <summary>
    /// True when the bytes decode to exactly <see cref="Size"/> bytes whose SHA-256 is the signature's hash.
    /// Decodes in small chunks, so a damaged row that claims a huge size costs no allocation of that size.
    /// </summary>
    public bool VerifyHash()
    {
        if (Size < 0)
        {
            return false;
        }

        if (Codec == EvidenceCodec.None)
        {
            return Bytes.Length == Size && ContentHash.Compute(Bytes) == Signature.Hash;
        }

        using var decoder = new BrotliDecoder();
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            ReadOnlySpan<byte> input = Bytes;
            long total = 0;
            while (true)
            {
                var status = decoder.Decompress(input, chunk, out var consumed, out var written);
                input = input[consumed..];
                total += written;
                if (total > Size)
                {
                    return false;
                }

                sha256.AppendData(chunk.AsSpan(0, written));
                if (status == OperationStatus.Done)
                {
                    break;
                }

                if (status != OperationStatus.DestinationTooSmall)
                {
                    // Invalid data, or a stream that ends before Brotli says it is complete.
                    return false;
                }
            }

            Span<byte> digest = stackalloc byte[ContentHash.Length];
            sha256.GetHashAndReset(digest);
            return total == Size && ContentHash.FromBytes(digest) == Signature.Hash;
        }
        finally
        {
            // The chunk held payload bytes.
            ArrayPool<byte>.Shared.Return(chunk, clearArray: true);
        }
    }
}
