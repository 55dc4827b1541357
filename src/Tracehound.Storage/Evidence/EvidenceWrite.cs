namespace Tracehound.Storage;

/// <summary>
/// One write to the evidence store: store a capture, or delete the row of one capture. A capture taken
/// from the live quarantine (<see cref="Capture"/>) is read when its batch is built, not when it was
/// queued: by then the quarantine has usually compressed it, and evidence already evicted is not
/// written at all (nor is its delete), which is what keeps churn cheap.
/// </summary>
public readonly record struct EvidenceWrite
{
    private EvidenceWrite(StoredEvidence? put, Evidence? live, ThreatSignature? delete, long sequence)
    {
        Put = put;
        Live = live;
        Delete = delete;
        Sequence = sequence;
    }

    /// <summary>Evidence in its durable form to store.</summary>
    public StoredEvidence? Put { get; }

    /// <summary>Live evidence to store as it is when the batch is written.</summary>
    public Evidence? Live { get; }

    /// <summary>The signature to delete.</summary>
    public ThreatSignature? Delete { get; }

    /// <summary>The capture's sequence, so a newer capture of the same signature is never deleted.</summary>
    public long Sequence { get; }

    /// <summary>A put of evidence in its durable form.</summary>
    public static EvidenceWrite Store(StoredEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        return new(evidence, null, null, evidence.Sequence);
    }

    /// <summary>A put of live quarantined evidence, read when its batch is written.</summary>
    public static EvidenceWrite Capture(Evidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        return new(null, evidence, null, evidence.Sequence);
    }

    /// <summary>A delete of one capture.</summary>
    public static EvidenceWrite Remove(ThreatSignature signature, long sequence) => new(null, null, signature, sequence);
}
