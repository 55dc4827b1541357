namespace Heimdall.Advisories;

/// <summary>The OSV range event types.</summary>
public enum RangeEventKind
{
    /// <summary>The version from which the package is affected (<c>"0"</c> means from the first version).</summary>
    Introduced,

    /// <summary>The first version no longer affected.</summary>
    Fixed,

    /// <summary>The last version still affected.</summary>
    LastAffected,

    /// <summary>An upper bound beyond which the range does not apply at all.</summary>
    Limit,
}
