namespace Detektr.Sigma.Detection;

/// <summary>One part of a <see cref="SigmaPattern"/>: a literal run or a wildcard.</summary>
/// <param name="Kind">Whether this is a literal or which wildcard.</param>
/// <param name="Text">The literal characters; empty for wildcards.</param>
public readonly record struct SigmaPatternToken(SigmaPatternTokenKind Kind, string Text)
{
    /// <summary>The <c>*</c> wildcard.</summary>
    public static SigmaPatternToken AnyString { get; } = new(SigmaPatternTokenKind.AnyString, string.Empty);

    /// <summary>The <c>?</c> wildcard.</summary>
    public static SigmaPatternToken AnyCharacter { get; } = new(SigmaPatternTokenKind.AnyCharacter, string.Empty);

    /// <summary>A literal run of characters.</summary>
    public static SigmaPatternToken Literal(string text) => new(SigmaPatternTokenKind.Literal, text);
}
