namespace Detektr.Validation;

/// <summary>What a <see cref="GlobToken"/> matches.</summary>
internal enum GlobTokenKind
{
    /// <summary>Its literal text.</summary>
    Literal,

    /// <summary>One character other than the separator.</summary>
    OneCharacter,

    /// <summary>Any run of characters without the separator.</summary>
    AnyRunWithinSegment,

    /// <summary>Any run of characters.</summary>
    AnyRun,

    /// <summary>Zero or more whole segments, each ending with the separator.</summary>
    WholeSegments,
}

/// <summary>One parsed piece of a wildcard pattern.</summary>
internal readonly record struct GlobToken(GlobTokenKind Kind, string Literal = "");
