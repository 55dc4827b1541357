namespace Detektr.Runs;

/// <summary>Where a run's digest sits in the run store's ledger (written as <c>ledger.json</c>).</summary>
/// <param name="Ledger">The ledger's data directory.</param>
/// <param name="Kind">The record kind, <c>detektr.run</c>.</param>
/// <param name="Subject">The record subject, the run id.</param>
/// <param name="Leaf">The record's leaf index.</param>
/// <param name="TreeSize">The durable tree size right after the append.</param>
/// <param name="RootHash">The root hash of that tree, lower-case hex.</param>
/// <param name="ManifestSha256">The digest of manifest.json the record carries.</param>
public sealed record LedgerReceipt(string Ledger, string Kind, string Subject, ulong Leaf, ulong TreeSize, string RootHash, string ManifestSha256);
