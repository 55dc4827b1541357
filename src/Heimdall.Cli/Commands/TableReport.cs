using Heimdall.Advisories;
using Heimdall.Matching;
using Heimdall.Packages;
using Heimdall.Reports;
using Spectre.Console;

namespace Heimdall.Cli.Commands;

/// <summary>The terminal rendering of scan results.</summary>
internal static class TableReport
{
    public static void Write(IAnsiConsole console, ScanResult result)
    {
        if (result.Vulnerabilities.Count > 0)
        {
            console.Write(new Rule("Vulnerabilities").LeftJustified());
            console.Write(FindingTable(result.Vulnerabilities));
        }

        if (result.Suspicious.Count > 0)
        {
            console.Write(new Rule("Suspicious packages").LeftJustified());
            console.Write(FindingTable(result.Suspicious));
        }

        WriteCoverage(console, result.Inventory);
        foreach (var folder in result.Inventory.UnreadableFolders)
        {
            console.MarkupLine($"[red]Folder not scanned: {Markup.Escape(folder)}[/]");
        }

        foreach (var s in result.ExpiredSuppressions)
        {
            console.MarkupLine($"[red]Suppression {Markup.Escape(s.Id)} (line {s.Line}, owner {Markup.Escape(s.Owner)}) expired on {s.Expires:yyyy-MM-dd}: renew or remove it.[/]");
        }

        foreach (var s in result.UnusedSuppressions)
        {
            console.MarkupLine($"[yellow]Suppression {Markup.Escape(s.Id)} (line {s.Line}) matched no finding: remove it.[/]");
        }

        if (result.Suppressed.Count > 0)
        {
            console.MarkupLine($"{result.Suppressed.Count} finding(s) suppressed.");
        }

        if (result.BaselineApplied)
        {
            console.MarkupLine($"{result.Baselined.Count} finding(s) already in the baseline are not shown.");
        }

        if (result.Unevaluable > 0)
        {
            console.MarkupLine($"[yellow]{result.Unevaluable} advisory range(s) could not be compared with the package version.[/]");
        }

        console.MarkupLine($"Advisories: {result.AdvisoryData.Count} from {Markup.Escape(result.AdvisoryData.Source)}" +
            (result.AdvisoryData.UpdatedAt is { } at ? $", updated {JsonParts.Time(at)}" : "") +
            (result.AdvisoryData.Rejected > 0 ? $" ([yellow]{result.AdvisoryData.Rejected} invalid record(s) left out[/])" : ""));
        console.MarkupLine(Markup.Escape(HtmlReportWriter.StatusLine(result)));
    }

    public static void WriteCoverage(IAnsiConsole console, Inventory inventory)
    {
        var table = new Table().AddColumns("File", "Format", "Packages", "Not understood", "Coverage");
        foreach (var file in inventory.Files)
        {
            table.AddRow(
                Markup.Escape(file.Path),
                Markup.Escape(file.Format.ToName() + (file.FormatVersion is null ? "" : " " + file.FormatVersion)),
                file.Packages.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                file.Unparsed.Count == 0 ? "0" : $"[red]{file.Unparsed.Count}[/]",
                (file.Coverage * 100).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "%");
        }

        console.Write(table);
        foreach (var file in inventory.Files)
        {
            foreach (var entry in file.Unparsed)
            {
                console.MarkupLine($"[red]not understood[/] {Markup.Escape(file.Path)}{(entry.Line is { } l ? ":" + l : "")} {Markup.Escape(entry.Entry)}: {Markup.Escape(entry.Reason)}");
            }
        }

        if (inventory.Files.Count == 0)
        {
            console.MarkupLine("[red]No supported lockfile or manifest was found.[/]");
        }
    }

    private static Table FindingTable(IEnumerable<Finding> findings)
    {
        var table = new Table().AddColumns("Severity", "Id", "Package", "File", "Title", "Fixed in");
        foreach (var f in findings)
        {
            var color = f.Severity.Level switch
            {
                SeverityLevel.Critical => "red bold",
                SeverityLevel.High => "red",
                SeverityLevel.Medium => "yellow",
                _ => "default",
            };
            table.AddRow(
                $"[{color}]{f.Severity.Level.ToName()}[/]",
                Markup.Escape(f.RuleId + (f.Aliases.Count > 0 ? "\n" + string.Join(", ", f.Aliases) : "")),
                Markup.Escape($"{f.Package.Name} {f.Package.Version}"),
                Markup.Escape(f.Package.File + (f.Package.Line is { } l ? ":" + l : "")),
                Markup.Escape(f.Category == FindingCategory.Suspicious ? f.Reason : f.Title),
                Markup.Escape(string.Join(", ", f.FixedIn)));
        }

        return table;
    }
}
