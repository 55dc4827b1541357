using System.Globalization;
using Detektr.Validation;
using Spectre.Console;

namespace Detektr.Cli.Validate;

/// <summary>The table of verdicts: per spec and expectation, pass or fail with the evidence behind it.</summary>
internal static class ValidationReportView
{
    private const int MaxEvidenceLines = 4;

    public static void Render(ValidationReport report)
    {
        var console = AnsiConsole.Console;
        var table = new Table().Title("Validation").AddColumns("Spec", "Expectation", "Verdict", "Evidence");
        foreach (var spec in report.Specs)
        {
            var first = true;
            foreach (var result in spec.Results)
            {
                var verdict = result.Verdict switch
                {
                    Verdict.Passed => "[green]pass[/]",
                    Verdict.Failed => "[red]FAIL[/]",
                    _ => "[yellow]ERROR[/]",
                };
                var lines = new List<string> { result.Summary };
                lines.AddRange(result.Evidence.Take(MaxEvidenceLines).Select(e => e.ToString()));
                if (result.Evidence.Count > MaxEvidenceLines)
                {
                    lines.Add(string.Create(CultureInfo.InvariantCulture, $"… {result.Evidence.Count - MaxEvidenceLines} more"));
                }

                table.AddRow(first ? Markup.Escape(spec.Spec.Name) : string.Empty, Markup.Escape(result.Name), verdict,
                    Markup.Escape(string.Join('\n', lines)));
                first = false;
            }
        }

        console.Write(table);

        var runs = new Table().Title("Runs").AddColumns("Spec", "Run", "Ended", "Events", "Detections", "Seconds", "Directory");
        foreach (var spec in report.Specs)
        {
            foreach (var run in spec.Runs)
            {
                var ended = run.RunId is null ? $"not run: {run.Problem}" : run.Termination + (run.ExitCode is { } code ? $" {code}" : string.Empty);
                runs.AddRow(Markup.Escape(spec.Spec.Name), Markup.Escape(run.Label), Markup.Escape(ended ?? "-"),
                    run.Events.ToString(CultureInfo.InvariantCulture), run.Detections.ToString(CultureInfo.InvariantCulture),
                    run.Duration.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture), Markup.Escape(run.Directory ?? "-"));
            }
        }

        console.Write(runs);
        var color = report.Passed ? "green" : "red";
        var passed = report.Expectations - report.Failures - report.Errors;
        console.MarkupLine($"[{color}]" + Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"{report.Specs.Count} spec(s), {report.Expectations} expectation(s): {passed} passed, {report.Failures} failed, {report.Errors} not judged " +
            $"in {report.Duration.TotalSeconds:0.0} s ({report.Parallelism} at once)")) + "[/]");
    }
}
