using Heimdall.Heuristics;
using Heimdall.Policy;

namespace Heimdall.Matching;

/// <summary>Runs a scan: advisory matching, heuristics, suppressions, baseline and the exit code.</summary>
public static class Scanner
{
    /// <summary>Evaluates a scan request.</summary>
    public static ScanResult Run(ScanRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var matched = AdvisoryMatcher.Match(request.Inventory.Packages, request.Advisories, out var unevaluable);
        var heuristics = SuspiciousPackageHeuristics.Evaluate(request.Inventory, request.Heuristics, request.KnownContentHashes);
        var all = matched.Concat(heuristics)
            .DistinctBy(f => f.Fingerprint)
            .OrderBy(f => f.Package.File, StringComparer.Ordinal)
            .ThenBy(f => f.Package.Name, StringComparer.Ordinal)
            .ThenBy(f => f.Package.Version, StringComparer.Ordinal)
            .ThenBy(f => f.RuleId, StringComparer.Ordinal)
            .ToList();

        var active = request.Suppressions.Where(s => !s.IsExpired(request.Now)).ToList();
        var expired = request.Suppressions.Where(s => s.IsExpired(request.Now)).ToList();
        var used = new HashSet<Suppression>();
        var reported = new List<Finding>();
        var suppressed = new List<SuppressedFinding>();
        var baselined = new List<Finding>();
        foreach (var finding in all)
        {
            var suppression = active.FirstOrDefault(s => Applies(s, finding));
            if (suppression is not null)
            {
                used.Add(suppression);
                suppressed.Add(new SuppressedFinding(finding, suppression));
                continue;
            }

            if (request.Baseline?.Contains(finding.Fingerprint.Value) == true)
            {
                baselined.Add(finding);
                continue;
            }

            reported.Add(finding);
        }

        var failing = reported.Count(request.Threshold.Fails);
        HeimdallExitCode exit;
        if (failing > 0 || expired.Count > 0)
        {
            exit = HeimdallExitCode.Findings;
        }
        else if (!request.Inventory.IsComplete || unevaluable > 0)
        {
            // An advisory that could not be compared is not "not affected": the result is partial.
            exit = HeimdallExitCode.PartialCoverage;
        }
        else
        {
            exit = HeimdallExitCode.Clean;
        }

        return new ScanResult
        {
            Inventory = request.Inventory,
            AdvisoryData = request.AdvisoryData,
            GeneratedAt = request.Now,
            Vulnerabilities = reported.Where(f => f.Category == FindingCategory.Vulnerability).ToList(),
            Suspicious = reported.Where(f => f.Category == FindingCategory.Suspicious).ToList(),
            Suppressed = suppressed,
            Baselined = baselined,
            ExpiredSuppressions = expired,
            UnusedSuppressions = active.Where(s => !used.Contains(s)).ToList(),
            Unevaluable = unevaluable,
            Threshold = request.Threshold,
            FailingFindings = failing,
            ExitCode = exit,
            BaselineApplied = request.Baseline is not null,
        };
    }

    private static bool Applies(Suppression suppression, Finding finding)
    {
        if (suppression.Package is { } package
            && !string.Equals(package, finding.Package.Name, finding.Package.Ecosystem == Packages.Ecosystem.NuGet ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal))
        {
            return false;
        }

        return finding.Ids.Any(id => string.Equals(id, suppression.Id, StringComparison.OrdinalIgnoreCase));
    }
}
