using System.CommandLine;
using Heimdall.Heuristics;
using Heimdall.Matching;
using Heimdall.Monitoring;
using Heimdall.Policy;
using Heimdall.Reports;
using Spectre.Console;

namespace Heimdall.Cli.Commands;

/// <summary>
/// <c>heimdall monitor --state DIR [PATH...]</c>: keeps package sets and reports only new findings,
/// for a daily scheduler.
/// </summary>
internal static class MonitorCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var state = new Option<string>("--state") { Description = "The monitor's state directory.", Required = true };
        var paths = new Argument<string[]>("PATH") { Description = "Projects to (re)read and keep; without any, the kept package sets are re-evaluated without reading sources.", Arity = ArgumentArity.ZeroOrMore };
        var advisories = CommonOptions.Advisories();
        var db = CommonOptions.Db();
        var failOn = CommonOptions.FailOn();
        var maxAge = CommonOptions.MaxAge();
        var json = CommonOptions.Json();
        var command = new Command("monitor", "Re-evaluate kept projects against newly imported advisories and report only new findings.")
        {
            state, paths, advisories, db, failOn, maxAge, json,
        };
        command.SetAction(parse => Run(environment, parse.GetValue(state)!, parse.GetValue(paths) ?? [], parse.GetValue(advisories), parse.GetValue(db), parse.GetValue(failOn)!, parse.GetValue(maxAge), parse.GetValue(json)));
        return command;
    }

    private static int Run(CliEnvironment environment, string stateDirectory, string[] paths, string? advisories, string? db, string failOn, double maxAge, bool json)
    {
        var threshold = CommonOptions.ParseThreshold(failOn);
        var now = environment.Time.GetUtcNow();
        MonitorState state;
        try
        {
            state = MonitorState.Open(stateDirectory);
        }
        catch (InvalidDataException e)
        {
            throw new UsageException(e.Message, e);
        }

        var inventories = paths.Select(PackagesCommand.Read).ToList();
        if (inventories.Count == 0 && state.Projects.Count == 0)
        {
            throw new UsageException($"the state in '{stateDirectory}' keeps no project yet: name at least one PATH to monitor");
        }

        var (index, info) = CommonOptions.LoadAdvisories(advisories, db, maxAge, now, message => environment.Error.WriteLine("heimdall: " + message));
        foreach (var inventory in inventories)
        {
            state.Track(inventory, now);
        }

        var results = SourceMonitor.Evaluate(state, inventory => new ScanRequest
        {
            Inventory = inventory,
            Advisories = index,
            AdvisoryData = info,
            Now = now,
            Heuristics = new HeuristicOptions(),
            Threshold = threshold,
        });
        state.Save();

        var failing = results.Sum(r => r.NewFindings.Count(threshold.Fails));
        var partial = results.Any(r => !r.Scan.Inventory.IsComplete);
        var exit = failing > 0 ? HeimdallExitCode.Findings : partial ? HeimdallExitCode.PartialCoverage : HeimdallExitCode.Clean;
        if (json)
        {
            DbCommand.WriteJson(environment, writer =>
            {
                writer.WriteString("schema", "heimdall-monitor-report");
                writer.WriteNumber("schema_version", 1);
                writer.WriteString("generated_at", JsonParts.Time(now));
                writer.WriteString("state", stateDirectory);
                writer.WriteNumber("advisories", info.Count);
                writer.WriteStartArray("projects");
                foreach (var r in results)
                {
                    writer.WriteStartObject();
                    writer.WriteString("root", r.Root);
                    writer.WriteBoolean("complete", r.Scan.Inventory.IsComplete);
                    writer.WriteNumber("packages", r.Scan.Inventory.Packages.Count());
                    writer.WriteNumber("findings", r.Scan.Findings.Count());
                    writer.WriteStartArray("new_findings");
                    foreach (var f in r.NewFindings)
                    {
                        JsonParts.WriteFinding(writer, f);
                    }

                    writer.WriteEndArray();
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteNumber("exit_code", (int)exit);
            });
        }
        else
        {
            var table = new Table().AddColumns("Project", "Packages", "Findings", "New", "New finding ids");
            foreach (var r in results)
            {
                table.AddRow(
                    Markup.Escape(r.Root),
                    r.Scan.Inventory.Packages.Count().ToString(System.Globalization.CultureInfo.InvariantCulture),
                    r.Scan.Findings.Count().ToString(System.Globalization.CultureInfo.InvariantCulture),
                    r.NewFindings.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Markup.Escape(string.Join(", ", r.NewFindings.Select(f => $"{f.RuleId} ({f.Package.Name} {f.Package.Version})"))));
            }

            environment.Console.Write(table);
            environment.Console.MarkupLine(results.Sum(r => r.NewFindings.Count) == 0 ? "No new findings." : $"{results.Sum(r => r.NewFindings.Count)} new finding(s), {failing} at or above '{threshold}'.");
        }

        return (int)exit;
    }
}
