namespace Tracehound;

/// <summary>The outcome of putting a payload into canonical form.</summary>
public enum CanonicalStatus
{
    /// <summary>The canonical bytes were written.</summary>
    Ok = 0,

    /// <summary>The canonical form would exceed <see cref="CanonicalLimits.MaxBytes"/>.</summary>
    TooLarge,

    /// <summary>Objects or arrays nest deeper than <see cref="CanonicalLimits.MaxDepth"/>.</summary>
    DepthExceeded,

    /// <summary>More object members than <see cref="CanonicalLimits.MaxTotalKeys"/>.</summary>
    TooManyKeys,

    /// <summary>The JSON text is not well-formed (RFC 8259), or has content after the value.</summary>
    InvalidJson,

    /// <summary>Text is not valid UTF-8 (or, for strings, contains an unpaired surrogate).</summary>
    InvalidUtf8,

    /// <summary>An object has the same key twice.</summary>
    DuplicateKey,

    /// <summary>A number is not finite (NaN, infinity, or out of the IEEE-754 double range).</summary>
    InvalidNumber,

    /// <summary>A structured payload refers to itself.</summary>
    Cycle,

    /// <summary>A structured payload holds a value of a type with no canonical form.</summary>
    UnsupportedType,
}
