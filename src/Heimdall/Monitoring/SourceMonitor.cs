using Heimdall.Heuristics;
using Heimdall.Matching;
using Heimdall.Packages;

namespace Heimdall.Monitoring;

/// <summary>
/// Re-evaluates every kept project's package set against the current advisories without reading its
/// sources again, and reports only findings not reported before.
/// </summary>
public static class SourceMonitor
{
    /// <summary>Evaluates all projects of <paramref name="state"/> and marks their findings as reported.</summary>
    public static IReadOnlyList<MonitorResult> Evaluate(MonitorState state, Func<Inventory, ScanRequest> request)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(request);
        var results = new List<MonitorResult>();
        foreach (var project in state.Projects)
        {
            var inventory = new Inventory(project.Root, project.Files);
            var scan = Scanner.Run(request(inventory) with { KnownContentHashes = project.ContentHashes });
            var fresh = scan.Findings.Where(f => !project.KnownFindings.Contains(f.Fingerprint.Value)).ToList();
            foreach (var finding in scan.Findings)
            {
                project.KnownFindings.Add(finding.Fingerprint.Value);
            }

            foreach (var package in inventory.Packages.Where(p => p.Ecosystem == Ecosystem.NuGet && p.Integrity is not null && p.Version is not null))
            {
                project.ContentHashes.TryAdd(SuspiciousPackageHeuristics.ContentHashKey(package), package.Integrity!);
            }

            results.Add(new MonitorResult(project.Root, scan, fresh));
        }

        return results;
    }
}

/// <summary>The monitor's verdict on one project.</summary>
/// <param name="Root">The project root.</param>
/// <param name="Scan">The full evaluation.</param>
/// <param name="NewFindings">Findings reported for the first time.</param>
public sealed record MonitorResult(string Root, ScanResult Scan, IReadOnlyList<Finding> NewFindings);
