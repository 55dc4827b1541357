using Tracehound.Ledger;

namespace Tracehound.Storage;

/// <summary>What opening a data directory found and did.</summary>
/// <param name="Ledger">The ledger's own recovery (torn tail cut, hashes rebuilt).</param>
/// <param name="Restored">Evidence put back into the quarantine.</param>
/// <param name="Corrupt">Rows whose bytes do not match their hash, or that do not parse: left in place, not restored.</param>
public sealed record StorageRecovery(LedgerRecoveryReport Ledger, int Restored, IReadOnlyList<string> Corrupt);
