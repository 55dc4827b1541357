namespace Heimdall.Advisories;

/// <summary>The answer of evaluating a version against an advisory's ranges.</summary>
public enum RangeVerdict
{
    /// <summary>The version is not in any range or list.</summary>
    NotAffected,

    /// <summary>The version is affected.</summary>
    Affected,

    /// <summary>The version or a range bound could not be parsed, so no answer could be given.</summary>
    Unevaluable,
}
