namespace Tracehound.Ledger;

/// <summary>The outcome of verifying a signed note against trusted keys.</summary>
public sealed class NoteVerificationResult
{
    private NoteVerificationResult(bool isValid, string message, IReadOnlyList<NoteVerifierKey> verifiedBy)
    {
        IsValid = isValid;
        Message = message;
        VerifiedBy = verifiedBy;
    }

    /// <summary>True when at least one trusted key signed and no trusted key's signature failed.</summary>
    public bool IsValid { get; }

    /// <summary>"ok" or the reason.</summary>
    public string Message { get; }

    /// <summary>The trusted keys whose signatures verified.</summary>
    public IReadOnlyList<NoteVerifierKey> VerifiedBy { get; }

    internal static NoteVerificationResult Success(IReadOnlyList<NoteVerifierKey> keys) => new(true, "ok", keys);

    internal static NoteVerificationResult Failure(string message) => new(false, message, []);

    /// <summary>The message.</summary>
    public override string ToString() => Message;
}
