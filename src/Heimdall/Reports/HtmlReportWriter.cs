using System.Globalization;
using System.Net;
using System.Text;
using Heimdall.Advisories;
using Heimdall.Matching;
using Heimdall.Packages;

namespace Heimdall.Reports;

/// <summary>
/// Writes a self-contained HTML report (no scripts, no external resources, so it renders offline and
/// prints to PDF as it looks on screen).
/// </summary>
public static class HtmlReportWriter
{
    /// <summary>The report's heading, also checked in the PDF text.</summary>
    public const string Heading = "Heimdall scan report";

    /// <summary>Renders the report.</summary>
    public static string Render(ScanResult result, ReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(options);
        var html = new StringBuilder();
        var files = result.Inventory.Files;
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        html.Append("<title>").Append(E(Heading)).Append("</title><style>")
            .Append("body{font-family:sans-serif;margin:2em;color:#222}h1{font-size:1.6em}table{border-collapse:collapse;width:100%;margin-bottom:1.5em}")
            .Append("th,td{border:1px solid #ccc;padding:4px 6px;text-align:left;font-size:.85em;vertical-align:top}th{background:#eee}")
            .Append(".critical{color:#fff;background:#8b0000}.high{color:#fff;background:#d9534f}.medium{background:#f0ad4e}.low{background:#d9edf7}.unknown{background:#ddd}")
            .Append(".status{font-size:1.1em;font-weight:bold}code{font-size:.9em}.id{white-space:nowrap}.path{word-break:break-all}")
            .Append("@page{size:A4 landscape;margin:12mm}")
            .Append("</style></head><body>\n");
        html.Append("<h1>").Append(E(Heading)).Append("</h1>\n");
        html.Append("<p class=\"status\">").Append(E(StatusLine(result))).Append("</p>\n");
        html.Append("<table><tbody>")
            .Append(Row("Root", options.RootLabel ?? result.Inventory.Root))
            .Append(Row("Generated", JsonParts.Time(result.GeneratedAt)))
            .Append(Row("Tool", $"{ToolInfo.Name} {options.ToolVersion}"))
            .Append(Row("Advisories", $"{result.AdvisoryData.Count} from {result.AdvisoryData.Source}, updated {(result.AdvisoryData.UpdatedAt is { } u ? JsonParts.Time(u) : "unknown")}"))
            .Append(Row("Fail on", result.Threshold.ToString()))
            .Append(Row("Result digest", result.ResultDigest))
            .Append("</tbody></table>\n");

        html.Append("<h2>Vulnerabilities (").Append(result.Vulnerabilities.Count).Append(")</h2>\n");
        FindingTable(html, result.Vulnerabilities);
        html.Append("<h2>Suspicious packages (").Append(result.Suspicious.Count).Append(")</h2>\n");
        FindingTable(html, result.Suspicious);

        html.Append("<h2>Coverage</h2>\n<table><thead><tr><th>File</th><th>Format</th><th>Packages</th><th>Not understood</th><th>Coverage</th></tr></thead><tbody>");
        foreach (var file in files)
        {
            html.Append("<tr><td>").Append(E(file.Path)).Append("</td><td>").Append(E(file.Format.ToName()))
                .Append(file.FormatVersion is null ? "" : " " + E(file.FormatVersion)).Append("</td><td>")
                .Append(file.Packages.Count).Append("</td><td>").Append(file.Unparsed.Count).Append("</td><td>")
                .Append((file.Coverage * 100).ToString("0.0", CultureInfo.InvariantCulture)).Append("%</td></tr>");
        }

        html.Append("</tbody></table>\n");
        var unparsed = files.SelectMany(f => f.Unparsed.Select(u => (f.Path, u))).ToList();
        if (unparsed.Count > 0)
        {
            html.Append("<h2>Entries not understood (").Append(unparsed.Count).Append(")</h2>\n<table><thead><tr><th>File</th><th>Line</th><th>Entry</th><th>Reason</th></tr></thead><tbody>");
            foreach (var (path, entry) in unparsed)
            {
                html.Append("<tr><td>").Append(E(path)).Append("</td><td>").Append(entry.Line?.ToString(CultureInfo.InvariantCulture) ?? "")
                    .Append("</td><td><code>").Append(E(entry.Entry)).Append("</code></td><td>").Append(E(entry.Reason)).Append("</td></tr>");
            }

            html.Append("</tbody></table>\n");
        }

        if (result.Suppressed.Count > 0 || result.ExpiredSuppressions.Count > 0 || result.UnusedSuppressions.Count > 0)
        {
            html.Append("<h2>Suppressions</h2>\n<table><thead><tr><th>Id</th><th>State</th><th>Owner</th><th>Expires</th><th>Reason</th></tr></thead><tbody>");
            foreach (var s in result.Suppressed.Select(s => s.Suppression).Distinct())
            {
                SuppressionRow(html, s, "applied");
            }

            foreach (var s in result.ExpiredSuppressions)
            {
                SuppressionRow(html, s, "expired");
            }

            foreach (var s in result.UnusedSuppressions)
            {
                SuppressionRow(html, s, "unused");
            }

            html.Append("</tbody></table>\n");
        }

        if (result.BaselineApplied)
        {
            html.Append("<p>").Append(result.Baselined.Count).Append(" finding(s) already present in the baseline are not listed.</p>\n");
        }

        html.Append("</body></html>\n");
        return html.ToString();
    }

    /// <summary>The one-line verdict: never "no issues" when coverage is partial.</summary>
    public static string StatusLine(ScanResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var packages = result.Inventory.Files.Sum(f => f.Packages.Count);
        var unparsed = result.Inventory.Files.Sum(f => f.Unparsed.Count);
        var findings = result.Vulnerabilities.Count + result.Suspicious.Count;
        var folders = result.Inventory.UnreadableFolders.Count;
        var coverage = result.Inventory.Files.Count == 0
            ? "No supported lockfile or manifest was found: nothing was scanned."
            : unparsed > 0
                ? $"Coverage incomplete: {unparsed} entr{(unparsed == 1 ? "y" : "ies")} could not be read, so the result is partial."
                : folders > 0
                    ? $"Coverage incomplete: {folders} folder(s) could not be listed, so the result is partial."
                    : result.Unevaluable > 0
                        ? $"Coverage incomplete: {result.Unevaluable} advisory range(s) could not be compared with the package version, so the result is partial."
                        : null;
        var verdict = findings == 0
            ? coverage is null ? $"No issues found in {packages} packages." : $"No issues found in the {packages} packages that were read."
            : $"{result.Vulnerabilities.Count} vulnerabilit{(result.Vulnerabilities.Count == 1 ? "y" : "ies")} and {result.Suspicious.Count} suspicious package finding(s) in {packages} packages; {result.FailingFindings} at or above '{result.Threshold}'.";
        return coverage is null ? verdict : coverage + " " + verdict;
    }

    private static void FindingTable(StringBuilder html, IReadOnlyList<Finding> findings)
    {
        if (findings.Count == 0)
        {
            html.Append("<p>None.</p>\n");
            return;
        }

        html.Append("<table><thead><tr><th>Severity</th><th>Id</th><th>Package</th><th>File</th><th>Details</th><th>Fixed in</th></tr></thead><tbody>");
        foreach (var f in findings)
        {
            var level = f.Severity.Level.ToName();
            var score = f.Severity.Score is { } s ? " " + s.ToString("0.0", CultureInfo.InvariantCulture) : "";
            html.Append("<tr><td class=\"").Append(level).Append("\">").Append(level).Append(score).Append("</td><td class=\"id\">").Append(E(f.RuleId));
            if (f.Aliases.Count > 0)
            {
                html.Append("<br>").Append(E(string.Join(", ", f.Aliases)));
            }

            html.Append("</td><td>").Append(E(f.Package.Name)).Append(' ').Append(E(f.Package.Version ?? ""))
                .Append("<br>").Append(E(f.Package.Kind.ToString().ToLowerInvariant())).Append("</td><td class=\"path\">").Append(E(f.Package.File))
                .Append(f.Package.Line is { } line ? ":" + line.ToString(CultureInfo.InvariantCulture) : "")
                .Append("</td><td><b>").Append(E(f.Title)).Append("</b><br>").Append(E(f.Reason)).Append("</td><td>")
                .Append(E(string.Join(", ", f.FixedIn))).Append("</td></tr>");
        }

        html.Append("</tbody></table>\n");
    }

    private static void SuppressionRow(StringBuilder html, Policy.Suppression s, string state) =>
        html.Append("<tr><td>").Append(E(s.Id)).Append(s.Package is null ? "" : " (" + E(s.Package) + ")").Append("</td><td>").Append(state)
            .Append("</td><td>").Append(E(s.Owner)).Append("</td><td>").Append(s.Expires.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            .Append("</td><td>").Append(E(s.Reason)).Append("</td></tr>");

    private static string Row(string name, string value) => $"<tr><th>{E(name)}</th><td>{E(value)}</td></tr>";

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
