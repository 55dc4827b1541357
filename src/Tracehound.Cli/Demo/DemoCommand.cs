using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;
using Tracehound.Cli.Output;

namespace Tracehound.Cli.Demo;

/// <summary>
/// <c>tracehound demo [--data DIR] [--json] [--serve]</c>: the sample API behind Tracehound, the bundled
/// corpus replayed against it, a summary, and an offline verification of the data directory. Exit 0 only
/// when every request had the outcome the corpus expects and the data directory verifies.
/// </summary>
internal static class DemoCommand
{
    /// <summary>Marks a directory as the demo's own, so a later run may clear it.</summary>
    public const string Marker = ".tracehound-demo";

    public static Command Create(CliConsole console)
    {
        var data = new Option<DirectoryInfo>("--data")
        {
            Description = "Where to keep evidence and ledger (default .tracehound/demo; cleared when it is a previous demo's)",
        };
        var json = CommonOptions.Json();
        var serve = new Option<bool>("--serve") { Description = "Keep the API running after the replay, for 'tracehound watch', until Ctrl+C" };
        var command = new Command("demo", "Start the sample API behind Tracehound on loopback, replay a corpus of mixed traffic and verify the result") { data, json, serve };
        command.SetAction(async (result, cancellationToken) =>
        {
            var directory = Prepare(result.GetValue(data)?.FullName ?? Path.Combine(Environment.CurrentDirectory, ".tracehound", "demo"));
            var corpus = DemoCorpus.LoadBundled();
            var runner = new DemoRunner(corpus, directory);
            var asJson = result.GetValue(json);
            Func<Uri, string, CancellationToken, Task>? hold = result.GetValue(serve) ? (url, token, ct) => Serve(console, url, token, ct) : null;
            DemoReport report;
            if (console.Interactive && !asJson)
            {
                report = await console.ErrorAnsi.Progress().AutoClear(true).StartAsync(async progress =>
                {
                    var task = progress.AddTask("replaying the corpus", maxValue: corpus.Total);
                    return await runner.RunAsync(new Progress<int>(done => task.Value = done), hold, cancellationToken).ConfigureAwait(false);
                }).ConfigureAwait(false);
            }
            else
            {
                report = await runner.RunAsync(null, hold, cancellationToken).ConfigureAwait(false);
            }

            if (asJson)
            {
                console.WriteJson(ToJson(report));
            }
            else
            {
                WriteSummary(console, report);
            }

            return report.Passed ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return command;
    }

    /// <summary>A fresh directory: created, or cleared when it holds a previous demo. Anything else is refused, never deleted.</summary>
    private static string Prepare(string directory)
    {
        if (Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any())
        {
            if (!File.Exists(Path.Combine(directory, Marker)))
            {
                throw new UsageException($"'{directory}' is not empty and is not a previous demo's directory; give an empty or new --data DIR");
            }

            Directory.Delete(directory, recursive: true);
        }

        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, Marker), "Created by 'tracehound demo'; the next demo run may clear this directory.\n");
        return directory;
    }

    private static async Task Serve(CliConsole console, Uri admin, string token, CancellationToken cancellationToken)
    {
        console.WriteError($"serving at {new Uri(admin, "/")} - in another terminal:");
        console.WriteError($"  TRACEHOUND_ADMIN_TOKEN={token} tracehound watch --url {admin}");
        console.WriteError("press Ctrl+C to stop, verify and print the summary");
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C ends serving; the summary still follows.
        }
    }

    private static IEnumerable<(string Outcome, int Expected, int Actual)> OutcomeCounts(DemoReport report) =>
        Enum.GetValues<DemoOutcome>().Select(o => (
            DemoOutcomes.Name(o),
            report.Results.Count(r => r.Expected == o),
            report.Results.Count(r => r.Actual == o)));

    private static void WriteSummary(CliConsole console, DemoReport report)
    {
        var outcomes = new Table().Title("requests by outcome").AddColumns("outcome", "expected", "actual");
        foreach (var (name, expected, actual) in OutcomeCounts(report))
        {
            outcomes.AddRow(name, Count(expected), expected == actual ? Count(actual) : $"[red]{actual}[/]");
        }

        outcomes.AddRow("total", Count(report.Results.Count), Count(report.Results.Count));
        console.OutAnsi.Write(outcomes);

        var groups = new Table().Title("traffic").AddColumns("group", "requests", "as expected");
        foreach (var group in report.Results.GroupBy(r => r.Group))
        {
            groups.AddRow(Markup.Escape(group.Key), Count(group.Count()), Count(group.Count(r => r.Matched)));
        }

        console.OutAnsi.Write(groups);

        var stats = report.Stats;
        var quarantine = new Table().Title("quarantine").AddColumns("severity", "held", "bytes");
        foreach (var bucket in stats.Quarantine.BySeverity)
        {
            quarantine.AddRow(bucket.Severity, Count(bucket.Count), Count(bucket.Bytes));
        }

        quarantine.AddRow("total", $"{stats.Quarantine.Count} of {stats.Quarantine.MaxItems}", Count(stats.Quarantine.Bytes));
        console.OutAnsi.Write(quarantine);

        var facts = new Table().Title("buffer and ledger").AddColumns("", "").HideHeaders();
        facts.AddRow("evictions", $"{stats.Evictions.Total} (item limit {stats.Evictions.ItemLimit}); alerts raised {stats.Notifications.AlertsRaised}");
        facts.AddRow("spoofed signals ignored", $"{stats.Http.SpoofedSignals.Total} (untrusted source {stats.Http.SpoofedSignals.UntrustedSource}, bad MAC {stats.Http.SpoofedSignals.InvalidMac})");
        facts.AddRow("late flags by the app", Count(stats.Http.LateFlags));
        facts.AddRow("ledger", $"{report.LedgerSize} leaves");
        facts.AddRow("checkpoint", report.CheckpointRoot is null ? "none" : $"size {report.CheckpointSize}, root {report.CheckpointRoot}");
        facts.AddRow("verify", report.LedgerIntact && report.EvidenceIntact
            ? $"intact (ledger and {report.EvidenceRows} evidence rows)"
            : $"[red]FAILED[/] {Markup.Escape(report.VerifyFailure ?? string.Empty)}");
        facts.AddRow("data directory", Markup.Escape(report.DataDirectory));
        console.OutAnsi.Write(facts);

        foreach (var miss in report.Mismatches.Take(20))
        {
            console.WriteLine($"MISMATCH #{miss.Index} {miss.Group} {miss.Method} {miss.Path} from {miss.From}: expected {DemoOutcomes.Name(miss.Expected)}, got {DemoOutcomes.Name(miss.Actual)} ({miss.Status})");
        }

        console.WriteLine(report.Passed
            ? $"PASS: {report.Results.Count} requests, every outcome as expected; ledger verified. Inspect it: tracehound stats --data {report.DataDirectory}"
            : "FAIL: see the mismatches above");
    }

    private static JsonObject ToJson(DemoReport report)
    {
        var expected = new JsonObject();
        var actual = new JsonObject();
        foreach (var (name, e, a) in OutcomeCounts(report))
        {
            expected[name] = e;
            actual[name] = a;
        }

        var groups = new JsonObject();
        foreach (var group in report.Results.GroupBy(r => r.Group))
        {
            groups[group.Key] = new JsonObject { ["requests"] = group.Count(), ["as_expected"] = group.Count(r => r.Matched) };
        }

        var stats = report.Stats;
        return new JsonObject
        {
            ["schema"] = "tracehound.demo/v1",
            ["passed"] = report.Passed,
            ["data_directory"] = report.DataDirectory,
            ["requests"] = new JsonObject
            {
                ["total"] = report.Results.Count,
                ["as_expected"] = report.Results.Count(r => r.Matched),
                ["expected"] = expected,
                ["actual"] = actual,
                ["groups"] = groups,
                ["mismatches"] = new JsonArray([.. report.Mismatches.Select(m => (JsonNode)new JsonObject
                {
                    ["index"] = m.Index,
                    ["group"] = m.Group,
                    ["method"] = m.Method,
                    ["path"] = m.Path,
                    ["from"] = m.From,
                    ["expected"] = DemoOutcomes.Name(m.Expected),
                    ["actual"] = DemoOutcomes.Name(m.Actual),
                    ["status"] = m.Status,
                })]),
            },
            ["quarantine"] = new JsonObject
            {
                ["count"] = stats.Quarantine.Count,
                ["max_items"] = stats.Quarantine.MaxItems,
                ["bytes"] = stats.Quarantine.Bytes,
                ["by_severity"] = new JsonObject([.. stats.Quarantine.BySeverity.Select(b => KeyValuePair.Create<string, JsonNode?>(b.Severity, b.Count))]),
            },
            ["evictions"] = stats.Evictions.Total,
            ["alerts_raised"] = stats.Notifications.AlertsRaised,
            ["spoofed_signals"] = new JsonObject
            {
                ["untrusted_source"] = stats.Http.SpoofedSignals.UntrustedSource,
                ["invalid_mac"] = stats.Http.SpoofedSignals.InvalidMac,
            },
            ["late_flags"] = stats.Http.LateFlags,
            ["ledger"] = new JsonObject
            {
                ["size"] = report.LedgerSize,
                ["checkpoint_size"] = report.CheckpointSize,
                ["checkpoint_root"] = report.CheckpointRoot,
                ["checkpoint"] = report.Checkpoint,
            },
            ["verify"] = new JsonObject
            {
                ["intact"] = report.LedgerIntact && report.EvidenceIntact,
                ["ledger"] = report.LedgerIntact,
                ["evidence"] = report.EvidenceIntact,
                ["evidence_rows"] = report.EvidenceRows,
                ["failure"] = report.VerifyFailure,
            },
        };
    }

    private static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);
}
