using Heimdall.Advisories;
using Heimdall.Packages;
using Heimdall.Versions;

namespace Heimdall.Matching;

/// <summary>Matches package occurrences against an advisory index.</summary>
public static class AdvisoryMatcher
{
    /// <summary>
    /// Finds the advisories affecting each matchable occurrence. Vulnerabilities become
    /// <see cref="FindingCategory.Vulnerability"/> findings; OSV <c>MAL-</c> records become suspicious
    /// findings of critical severity.
    /// </summary>
    /// <param name="packages">The occurrences to match.</param>
    /// <param name="index">The advisories.</param>
    /// <param name="unevaluable">How many (package, advisory) pairs could not be evaluated.</param>
    public static List<Finding> Match(IEnumerable<PackageOccurrence> packages, AdvisoryIndex index, out int unevaluable)
    {
        ArgumentNullException.ThrowIfNull(packages);
        ArgumentNullException.ThrowIfNull(index);
        unevaluable = 0;
        var findings = new List<Finding>();
        foreach (var package in packages)
        {
            if (!package.IsMatchable)
            {
                continue;
            }

            var advisories = index.Match(package.Ecosystem, package.Name, package.Version!, out var skipped);
            unevaluable += skipped;
            foreach (var advisory in advisories)
            {
                findings.Add(advisory.IsMalicious ? Malicious(advisory, package) : Vulnerability(advisory, package));
            }
        }

        return findings;
    }

    private static Finding Vulnerability(Advisory advisory, PackageOccurrence package)
    {
        var severity = advisory.Severity;
        if (severity.Level == SeverityLevel.Unknown)
        {
            var own = advisory.Affected.FirstOrDefault(a => Same(a, package))?.Severity;
            if (SeverityLevels.TryParse(own, out var level))
            {
                severity = severity with { Level = level, Method = "database" };
            }
        }

        return new Finding
        {
            Category = FindingCategory.Vulnerability,
            RuleId = advisory.Id,
            Title = advisory.Summary ?? advisory.Id,
            Reason = $"{package.Name} {package.Version} is affected by {advisory.Id}",
            Severity = severity,
            Package = package,
            Advisory = advisory,
            Aliases = advisory.Aliases,
            FixedIn = FixedVersions(advisory, package),
            Fingerprint = Finding.FingerprintOf(advisory.Id, package),
        };
    }

    private static Finding Malicious(Advisory advisory, PackageOccurrence package) => new()
    {
        Category = FindingCategory.Suspicious,
        RuleId = advisory.Id,
        Title = advisory.Summary ?? "Malicious package",
        Reason = $"{package.Name} {package.Version} is reported as malicious by {advisory.Id}",
        Severity = new SeverityRating(SeverityLevel.Critical, null, advisory.Severity.Vector, "malicious"),
        Package = package,
        Advisory = advisory,
        Aliases = advisory.Aliases,
        Fingerprint = Finding.FingerprintOf(advisory.Id, package),
    };

    private static bool Same(AffectedPackage affected, PackageOccurrence package) =>
        affected.Ecosystem == package.Ecosystem
        && string.Equals(package.Ecosystem.NormalizeName(affected.Name), package.Ecosystem.NormalizeName(package.Name), StringComparison.Ordinal);

    private static List<string> FixedVersions(Advisory advisory, PackageOccurrence package)
    {
        var fixes = new List<string>();
        VersionSchemes.TryParse(package.Ecosystem, package.Version, out var current);
        foreach (var affected in advisory.Affected.Where(a => Same(a, package)))
        {
            foreach (var range in affected.Ranges)
            {
                foreach (var e in range.Events.Where(e => e.Kind == RangeEventKind.Fixed))
                {
                    if (current is null || !VersionSchemes.TryParse(package.Ecosystem, e.Version, out var fix) || fix.CompareTo(current) > 0)
                    {
                        if (!fixes.Contains(e.Version))
                        {
                            fixes.Add(e.Version);
                        }
                    }
                }
            }
        }

        return fixes;
    }
}
