using Heimdall.Advisories;
using Heimdall.Packages;

namespace Heimdall.Matching;

/// <summary>One finding on one package occurrence.</summary>
public sealed record Finding
{
    /// <summary>Vulnerability or suspicious trait.</summary>
    public required FindingCategory Category { get; init; }

    /// <summary>The advisory id (<c>GHSA-...</c>, <c>MAL-...</c>) or the heuristic's rule id (<c>HEIMDALL-TYPOSQUAT</c>).</summary>
    public required string RuleId { get; init; }

    /// <summary>A one-line title.</summary>
    public required string Title { get; init; }

    /// <summary>Why the package was flagged, in words.</summary>
    public required string Reason { get; init; }

    /// <summary>The severity rating.</summary>
    public required SeverityRating Severity { get; init; }

    /// <summary>The package occurrence flagged.</summary>
    public required PackageOccurrence Package { get; init; }

    /// <summary>The advisory, for advisory-based findings.</summary>
    public Advisory? Advisory { get; init; }

    /// <summary>Other ids of the advisory (CVE, GHSA).</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>The versions that fix it, when the advisory names them.</summary>
    public IReadOnlyList<string> FixedIn { get; init; } = [];

    /// <summary>The stable identity across scans.</summary>
    public required Fingerprint Fingerprint { get; init; }

    /// <summary>Every id a suppression may name for this finding: rule id, aliases, fingerprint.</summary>
    public IEnumerable<string> Ids => Aliases.Prepend(RuleId).Append(Fingerprint.Value);

    /// <summary>Creates the fingerprint of a rule on a package occurrence.</summary>
    public static Fingerprint FingerprintOf(string ruleId, PackageOccurrence package) =>
        Fingerprint.Of(ruleId, package.Ecosystem.ToOsv(), package.Ecosystem.NormalizeName(package.Name), package.Version, package.File);
}
