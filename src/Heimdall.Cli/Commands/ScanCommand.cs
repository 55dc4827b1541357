using System.CommandLine;
using Heimdall.Heuristics;
using Heimdall.Ledger;
using Heimdall.Matching;
using Heimdall.Policy;
using Heimdall.Reports;
using Spectre.Console;

namespace Heimdall.Cli.Commands;

/// <summary><c>heimdall scan PATH</c>: reads, matches, applies policy and writes a report.</summary>
internal static class ScanCommand
{
    private static readonly string[] Formats = ["table", "json", "sarif", "cyclonedx", "html", "pdf", "junit"];

    public static Command Create(CliEnvironment environment)
    {
        var path = new Argument<string>("PATH") { Description = "A repository folder or a single lockfile or manifest." };
        var advisories = CommonOptions.Advisories();
        var db = CommonOptions.Db();
        var format = new Option<string>("--format") { Description = "table, json, sarif, cyclonedx, html, pdf or junit.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong(Formats);
        var json = CommonOptions.Json();
        var output = new Option<string?>("--output", "-o") { Description = "Write the report to this file instead of stdout (required for pdf)." };
        var failOn = CommonOptions.FailOn();
        var baseline = new Option<string?>("--baseline") { Description = "A JSON report of an earlier scan: report only findings new since then." };
        var suppressions = new Option<string?>("--suppressions") { Description = "A suppression file (id, reason, owner, expires per entry)." };
        var offline = CommonOptions.Offline();
        var maxAge = CommonOptions.MaxAge();
        var registry = new Option<string[]>("--registry") { Description = "An npm registry base URL whose tarballs are trusted (repeatable; default: the public npm and yarn registries).", AllowMultipleArgumentsPerToken = false };
        var chromium = new Option<string?>("--chromium") { Description = "The Chromium executable for PDF output (default /usr/bin/chromium)." };
        var ledger = new Option<string?>("--ledger") { Description = "Append the scan (result digest) and each flagged dependency to the Tracehound ledger in this directory." };
        var command = new Command("scan", "Scan every supported file under PATH against OSV advisories and the suspicious-package heuristics.")
        {
            path, advisories, db, format, json, output, failOn, baseline, suppressions, offline, maxAge, registry, chromium, ledger,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(environment, new ScanArguments(
            parse.GetValue(path)!,
            parse.GetValue(advisories),
            parse.GetValue(db),
            parse.GetValue(json) ? "json" : parse.GetValue(format)!,
            parse.GetValue(output),
            parse.GetValue(failOn)!,
            parse.GetValue(baseline),
            parse.GetValue(suppressions),
            parse.GetValue(offline),
            parse.GetValue(maxAge),
            parse.GetValue(registry) ?? [],
            parse.GetValue(chromium),
            parse.GetValue(ledger)), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliEnvironment environment, ScanArguments a, CancellationToken cancellationToken)
    {
        var threshold = CommonOptions.ParseThreshold(a.FailOn);
        if (a.Format == "pdf" && a.Output is null)
        {
            throw new UsageException("--format pdf needs --output FILE");
        }

        var now = environment.Time.GetUtcNow();
        var baseline = a.Baseline is null ? null : ReadBaseline(a.Baseline);
        var suppressions = a.Suppressions is null ? [] : ReadSuppressions(a.Suppressions);
        var heuristics = new HeuristicOptions();
        if (a.Registries.Length > 0)
        {
            heuristics = heuristics with { NpmRegistries = a.Registries.Select(r => r.EndsWith('/') ? r : r + "/").ToList() };
        }

        var inventory = PackagesCommand.Read(a.Path);
        var (index, info) = CommonOptions.LoadAdvisories(a.Advisories, a.Db, a.MaxAgeDays, now, message => environment.Error.WriteLine("heimdall: " + message));
        var result = Scanner.Run(new ScanRequest
        {
            Inventory = inventory,
            Advisories = index,
            AdvisoryData = info,
            Now = now,
            Heuristics = heuristics,
            Threshold = threshold,
            Baseline = baseline,
            Suppressions = suppressions,
        });
        var options = new ReportOptions { RootLabel = a.Path };
        await WriteReportAsync(environment, result, options, a, cancellationToken).ConfigureAwait(false);
        if (a.Ledger is not null)
        {
            try
            {
                var entry = ScanLedger.Append(a.Ledger, result, environment.Time);
                await environment.Error.WriteLineAsync($"heimdall: recorded {result.ResultDigest} at leaf {entry.ScanLeaf.Value} with {entry.FindingRecords} flagged dependencies; ledger size {entry.TreeSize.Value}").ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or Tracehound.Ledger.LedgerIntegrityException)
            {
                throw new UsageException($"cannot record the scan in the ledger '{a.Ledger}': {e.Message}", e);
            }
        }

        return (int)result.ExitCode;
    }

    public static async Task WriteReportAsync(CliEnvironment environment, ScanResult result, ReportOptions options, ScanArguments a, CancellationToken cancellationToken)
    {
        if (a.Format == "table")
        {
            if (a.Output is null)
            {
                TableReport.Write(environment.Console, result);
                return;
            }

            var text = new StringWriter();
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(text), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No });
            console.Profile.Width = 240;
            TableReport.Write(console, result);
            await File.WriteAllTextAsync(a.Output, text.ToString(), cancellationToken).ConfigureAwait(false);
        }
        else if (a.Format == "pdf")
        {
            var html = HtmlReportWriter.Render(result, options);
            var renderer = new PdfRenderer(a.Chromium, requireNetworkIsolation: a.Offline);
            var error = await renderer.RenderAsync(html, a.Output!, cancellationToken).ConfigureAwait(false);
            if (error is not null)
            {
                throw new UsageException("cannot render the PDF: " + error);
            }
        }
        else
        {
            using var buffer = new MemoryStream();
            switch (a.Format)
            {
                case "json":
                    JsonReportWriter.Write(buffer, result, options);
                    break;
                case "sarif":
                    SarifWriter.Write(buffer, result, options);
                    break;
                case "cyclonedx":
                    CycloneDxWriter.Write(buffer, result, options);
                    break;
                case "html":
                    var bytes = System.Text.Encoding.UTF8.GetBytes(HtmlReportWriter.Render(result, options));
                    buffer.Write(bytes);
                    break;
                default:
                    JunitWriter.Write(buffer, result, options);
                    break;
            }

            if (a.Output is null)
            {
                await environment.Out.WriteLineAsync(System.Text.Encoding.UTF8.GetString(buffer.ToArray())).ConfigureAwait(false);
                return;
            }

            await File.WriteAllBytesAsync(a.Output, buffer.ToArray(), cancellationToken).ConfigureAwait(false);
        }

        // The report went to a file: CI logs still get the verdict.
        await environment.Error.WriteLineAsync($"heimdall: {HtmlReportWriter.StatusLine(result)} Report: {a.Output}").ConfigureAwait(false);
    }

    private static Baseline ReadBaseline(string path)
    {
        try
        {
            return Baseline.Parse(File.ReadAllText(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            throw new UsageException($"cannot use the baseline '{path}': {e.Message}", e);
        }
    }

    private static IReadOnlyList<Suppression> ReadSuppressions(string path)
    {
        try
        {
            return SuppressionFile.Parse(File.ReadAllText(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            throw new UsageException($"cannot use the suppression file '{path}': {e.Message}", e);
        }
    }
}

/// <summary>The parsed arguments of <c>heimdall scan</c>.</summary>
internal sealed record ScanArguments(
    string Path,
    string? Advisories,
    string? Db,
    string Format,
    string? Output,
    string FailOn,
    string? Baseline,
    string? Suppressions,
    bool Offline,
    double MaxAgeDays,
    string[] Registries,
    string? Chromium,
    string? Ledger);
