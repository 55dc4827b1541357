namespace Detektr.Sigma.Rules;

/// <summary>The maturity a rule declares.</summary>
public enum SigmaStatus
{
    /// <summary>Usable in production.</summary>
    Stable,

    /// <summary>Mostly stable; may need tuning.</summary>
    Test,

    /// <summary>May be noisy.</summary>
    Experimental,

    /// <summary>Replaced or covered by another rule.</summary>
    Deprecated,

    /// <summary>Declared unusable in its current state by its author.</summary>
    Unsupported,
}
