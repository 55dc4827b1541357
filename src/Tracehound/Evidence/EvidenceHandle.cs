namespace Tracehound;

/// <summary>A reference to quarantined evidence, returned by a successful intercept.</summary>
/// <param name="Signature">The evidence's signature, its key in the quarantine.</param>
/// <param name="Sequence">The quarantine's insertion number, unique for the life of the agent.</param>
public readonly record struct EvidenceHandle(ThreatSignature Signature, long Sequence)
{
    /// <inheritdoc />
    public override string ToString() => $"{Signature}#{Sequence}";
}
