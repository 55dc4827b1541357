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
}
