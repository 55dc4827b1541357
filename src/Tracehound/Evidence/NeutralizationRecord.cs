namespace Tracehound;

/// <summary>What remains of evidence after it was neutralized: enough to prove what it was, nothing of its content.</summary>
/// <param name="Id">The id of the scent the evidence came from.</param>
/// <param name="Signature">The evidence's signature.</param>
/// <param name="Hash">The SHA-256 of the canonical payload bytes.</param>
/// <param name="Size">The canonical payload size in bytes.</param>
/// <param name="NeutralizedAt">When it was neutralized.</param>
public sealed record NeutralizationRecord(string Id, ThreatSignature Signature, ContentHash Hash, int Size, DateTimeOffset NeutralizedAt);
