using System.Globalization;
using Detektr.Diff;
using Spectre.Console;

namespace Detektr.Cli.Diff;

/// <summary>The human-readable comparison of two runs.</summary>
internal static class DiffView
{
    private const string Absent = "—";

    public static void Render(IAnsiConsole console, RunDiffReport report)
    {
        var overview = new Grid().AddColumn().AddColumn();
        overview.AddRow("[bold]A[/]", Markup.Escape(Describe(report.A)));
        overview.AddRow("[bold]B[/]", Markup.Escape(Describe(report.B)));
        foreach (var note in report.SetupDifferences)
        {
            overview.AddRow("[bold]Set-up[/]", Markup.Escape(note));
        }

        console.Write(overview);

        var tallies = new Table().Title("Behaviours").AddColumns("Category", "A", "B", "Same", "Only in A", "Only in B", "Changed");
        foreach (var tally in report.Categories.Where(t => t.InA + t.InB > 0))
        {
            tallies.AddRow(tally.Category.ToTitle(), Number(tally.InA), Number(tally.InB), Number(tally.Same),
                Highlight(tally.OnlyInA, "red"), Highlight(tally.OnlyInB, "green"), Highlight(tally.OutcomeChanged, "yellow"));
        }

        console.Write(tallies);

        if (report.Identical)
        {
            console.MarkupLine("[green]No difference in behaviour.[/]");
            return;
        }

        var differences = new Table().Title("Differences").AddColumns("Category", "Behaviour", "A", "B");
        foreach (var difference in report.Differences)
        {
            var color = difference.Kind switch
            {
                DifferenceKind.OnlyInA => "red",
                DifferenceKind.OnlyInB => "green",
                _ => "yellow",
            };
            differences.AddRow(
                new Markup(Markup.Escape(difference.Key.Category.ToTitle())),
                new Markup($"[{color}]{Markup.Escape(difference.Key.Description)}[/]"),
                new Markup(Markup.Escape(Observed(difference.InA))),
                new Markup(Markup.Escape(Observed(difference.InB))));
        }

        console.Write(differences);
        var onlyA = report.Differences.Count(d => d.Kind == DifferenceKind.OnlyInA);
        var onlyB = report.Differences.Count(d => d.Kind == DifferenceKind.OnlyInB);
        var changed = report.Differences.Count(d => d.Kind == DifferenceKind.OutcomeChanged);
        console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"The runs differ: {onlyA} only in A, {onlyB} only in B, {changed} with changed outcomes.")));
    }

    private static string Describe(RunDiffSide side) =>
        $"{side.RunId}  {side.Ended}  network {side.NetworkMode}  {side.Command}  {side.Directory}";

    private static string Observed(ObservedBehaviour? behaviour)
    {
        if (behaviour is null)
        {
            return Absent;
        }

        var outcomes = behaviour.Outcomes.Count == 0 ? "seen" : string.Join(", ", behaviour.Outcomes);
        return behaviour.Count > 1 ? string.Create(CultureInfo.InvariantCulture, $"{outcomes} (×{behaviour.Count})") : outcomes;
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Highlight(int value, string color) => value == 0 ? "0" : $"[{color}]{Number(value)}[/]";
}
