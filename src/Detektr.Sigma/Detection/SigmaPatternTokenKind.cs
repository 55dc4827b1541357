namespace Detektr.Sigma.Detection;

/// <summary>The parts a Sigma string value is made of.</summary>
public enum SigmaPatternTokenKind
{
    /// <summary>Plain characters, matched as they are (case-insensitively unless <c>cased</c>).</summary>
    Literal,

    /// <summary>The <c>*</c> wildcard: any run of characters, including none.</summary>
    AnyString,

    /// <summary>The <c>?</c> wildcard: exactly one character.</summary>
    AnyCharacter,
}
