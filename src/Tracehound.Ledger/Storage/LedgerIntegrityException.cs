namespace Tracehound.Ledger;

/// <summary>
/// Thrown by <see cref="LedgerStore.Open"/> when the ledger is damaged in a way recovery must not
/// repair (a record altered or removed, a checkpoint that does not match). Use
/// <see cref="LedgerVerifier"/> to inspect such a directory without opening it for writing.
/// </summary>
public sealed class LedgerIntegrityException : Exception
{
    /// <summary>Creates the exception for a failure.</summary>
    public LedgerIntegrityException(LedgerIntegrityFailure failure)
        : base(failure?.ToString())
    {
        ArgumentNullException.ThrowIfNull(failure);
        Failure = failure;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public LedgerIntegrityException()
        : this(new LedgerIntegrityFailure(LedgerFailureKind.FileMissing, string.Empty, 0, null, "integrity failure"))
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    public LedgerIntegrityException(string message)
        : this(new LedgerIntegrityFailure(LedgerFailureKind.FileMissing, string.Empty, 0, null, message))
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public LedgerIntegrityException(string message, Exception innerException)
        : base(message, innerException)
    {
        Failure = new LedgerIntegrityFailure(LedgerFailureKind.FileMissing, string.Empty, 0, null, message);
    }

    /// <summary>Where and what.</summary>
    public LedgerIntegrityFailure Failure { get; }
}
