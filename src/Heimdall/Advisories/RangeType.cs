namespace Heimdall.Advisories;

/// <summary>The OSV range types Heimdall evaluates.</summary>
public enum RangeType
{
    /// <summary>Versions ordered by the ecosystem's own rules.</summary>
    Ecosystem,

    /// <summary>Versions ordered by SemVer 2.0.0.</summary>
    Semver,

    /// <summary>Git commits; not evaluable against a registry version and skipped.</summary>
    Git,
}
