using System.CommandLine;
using Detektr.Detonation;
using Detektr.Diff;
using Detektr.Query;

namespace Detektr.Cli.Diff;

/// <summary><c>detektr diff RUN_A RUN_B</c>: behaviours one run showed and the other did not.</summary>
internal static class DiffCommand
{
    /// <summary>Exit code when the runs' behaviours differ.</summary>
    public const int Differ = 1;

    public static Command Create()
    {
        var runA = new Argument<string>("run-a") { Description = "Run A: a run directory, or a run id (or its unique start or end) in the run store" };
        var runB = new Argument<string>("run-b") { Description = "Run B, likewise (for a mitigation: the run with the control applied)" };
        var runs = new Option<string>("--runs")
        {
            Description = "Run store in which run ids are looked up",
            HelpName = "DIR",
            DefaultValueFactory = _ => DetonatorOptions.DefaultRunsDirectory,
        };
        var json = new Option<bool>("--json") { Description = "Print the comparison as JSON" };
        var command = new Command("diff", "Show the behaviours present in one run and not the other, and changed outcomes (exit 0: same, 1: different)")
        {
            runs, json, runA, runB,
        };
        command.SetAction(async (parse, _) =>
        {
            var store = parse.GetValue(runs) ?? DetonatorOptions.DefaultRunsDirectory;
            string? directoryA = null, directoryB = null;
            foreach (var (reference, side) in new[] { (parse.GetValue(runA)!, "A"), (parse.GetValue(runB)!, "B") })
            {
                if (!RunStore.TryFindRun(reference, store, out var directory, out var problem))
                {
                    await Console.Error.WriteLineAsync($"detektr: run {side}: {problem}").ConfigureAwait(false);
                    return ExitCodes.InvalidInput;
                }

                if (side == "A")
                {
                    directoryA = directory;
                }
                else
                {
                    directoryB = directory;
                }
            }

            RunDiffReport report;
            try
            {
                report = RunDiff.Compare(directoryA!, directoryB!);
            }
            catch (Exception ex) when (ex is FormatException or IOException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync($"detektr: cannot read the runs: {ex.Message}").ConfigureAwait(false);
                return ExitCodes.InvalidInput;
            }

            if (parse.GetValue(json))
            {
                using var stdout = Console.OpenStandardOutput();
                DiffJson.Write(stdout, report);
            }
            else
            {
                DiffView.Render(Query.OutputConsole.ForStandardOutput(), report);
            }

            return report.Identical ? ExitCodes.Success : Differ;
        });
        return command;
    }
}
