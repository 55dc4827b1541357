namespace Detektr.Sigma.Events;

/// <summary>What an event field holds, as far as Sigma matching cares.</summary>
public enum SigmaValueKind
{
    /// <summary>The field is absent or explicitly null.</summary>
    Null,

    /// <summary>A string.</summary>
    Text,

    /// <summary>A number (integer or floating point); its text form is kept for string matching.</summary>
    Number,

    /// <summary>A boolean; its text form is <c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary>A list of values; a value matches the field when it matches any item.</summary>
    List,

    /// <summary>A nested object (a map of fields). Value matches never apply to it, <c>exists</c> does.</summary>
    Map,
}
