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
    public bool TryDecode(out byte[] canonical)
    {
        if (Codec == EvidenceCodec.None)
        {
            canonical = Bytes;
            return Bytes.Length == Size;
        }

        canonical = new byte[Size];
        return System.IO.Compression.BrotliDecoder.TryDecompress(Bytes, canonical, out var written) && written == Size;
    }

    /// <summary>True when the bytes decode to a payload whose SHA-256 is the signature's hash.</summary>
    public bool VerifyHash() => TryDecode(out var canonical) && ContentHash.Compute(canonical) == Signature.Hash;
}
