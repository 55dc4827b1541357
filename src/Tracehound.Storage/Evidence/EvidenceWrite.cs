namespace Tracehound.Storage;

/// <summary>One write to the evidence store: put a row, or delete the row of one capture.</summary>
/// <param name="Put">The evidence to store, or null for a delete.</param>
/// <param name="Delete">The signature to delete, or null for a put.</param>
/// <param name="Sequence">For a delete: the capture's sequence, so a newer capture is never deleted.</param>
public readonly record struct EvidenceWrite(StoredEvidence? Put, ThreatSignature? Delete, long Sequence)
{
    /// <summary>A put.</summary>
    public static EvidenceWrite Store(StoredEvidence evidence) => new(evidence, null, evidence.Sequence);

    /// <summary>A delete of one capture.</summary>
    public static EvidenceWrite Remove(ThreatSignature signature, long sequence) => new(null, signature, sequence);
}
