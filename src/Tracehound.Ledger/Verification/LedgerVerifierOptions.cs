namespace Tracehound.Ledger;

/// <summary>Options of <see cref="LedgerVerifier"/>.</summary>
public sealed class LedgerVerifierOptions
{
    /// <summary>
    /// The keys checkpoints must be signed by. Null: the public keys in the data directory's
    /// <c>keys/</c> folder. An auditor passes the keys published by the operator instead, so that a
    /// key planted in the directory cannot vouch for a rewritten ledger.
    /// </summary>
    public IReadOnlyList<NoteVerifierKey>? TrustedKeys { get; init; }

    /// <summary>
    /// Checkpoints kept outside the data directory (an auditor's copy of an earlier <c>tracehound
    /// checkpoint</c>, a witness's). Each must be signed by a trusted key, and the ledger must hold its
    /// size with its root: this is what detects a ledger cut back, or rewritten, together with its own
    /// checkpoint log, which nothing inside the directory can.
    /// </summary>
    public IReadOnlyList<WitnessedCheckpoint> Witnessed { get; init; } = [];
}
