namespace Tracehound;

/// <summary>The outcome of <see cref="Quarantine.Restore"/>.</summary>
public enum RestoreOutcome
{
    /// <summary>The evidence is held again.</summary>
    Restored = 0,

    /// <summary>Evidence with that signature is already held.</summary>
    Duplicate = 1,

    /// <summary>The bytes do not decode to a payload with the signature's hash: tampered or corrupt.</summary>
    HashMismatch = 2,

    /// <summary>The evidence alone is larger than the byte limit.</summary>
    TooLarge = 3,
}
