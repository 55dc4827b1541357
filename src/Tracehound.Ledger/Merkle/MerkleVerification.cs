namespace Tracehound.Ledger;

/// <summary>
/// The outcome of verifying a proof. A failure names the values involved
/// (<c>index is beyond size: 9 &gt;= 8</c>); a root mismatch carries both roots.
/// </summary>
public readonly record struct MerkleVerification
{
    private MerkleVerification(MerkleVerificationError error, string message, Sha256Hash? calculatedRoot, Sha256Hash? expectedRoot)
    {
        Error = error;
        Message = message;
        CalculatedRoot = calculatedRoot;
        ExpectedRoot = expectedRoot;
    }

    /// <summary>A successful verification.</summary>
    public static MerkleVerification Ok { get; } = new(MerkleVerificationError.None, "ok", null, null);

    /// <summary>True when the proof verified.</summary>
    public bool IsValid => Error == MerkleVerificationError.None;

    /// <summary>What failed, or <see cref="MerkleVerificationError.None"/>.</summary>
    public MerkleVerificationError Error { get; }

    /// <summary>"ok", or the reason naming the values.</summary>
    public string Message { get; }

    /// <summary>For <see cref="MerkleVerificationError.RootMismatch"/>: the root the proof leads to.</summary>
    public Sha256Hash? CalculatedRoot { get; }

    /// <summary>For <see cref="MerkleVerificationError.RootMismatch"/>: the root the caller expected.</summary>
    public Sha256Hash? ExpectedRoot { get; }

    internal static MerkleVerification Fail(MerkleVerificationError error, string message) => new(error, message, null, null);

    internal static MerkleVerification Mismatch(Sha256Hash calculated, Sha256Hash expected) =>
        new(MerkleVerificationError.RootMismatch, $"calculated root {calculated} does not match expected root {expected}", calculated, expected);

    /// <summary>The message.</summary>
    public override string ToString() => Message;
}
