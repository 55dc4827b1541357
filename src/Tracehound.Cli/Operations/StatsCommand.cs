using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;
using Tracehound.AspNetCore.Admin;
using Tracehound.Cli.Output;

namespace Tracehound.Cli.Operations;

/// <summary>
/// <c>tracehound stats (--data DIR | --url URL) [--json]</c>: every counter of a running application, or,
/// offline, the quarantine by severity and the ledger's records by kind (a full scan, with a progress bar).
/// </summary>
internal static class StatsCommand
{
    public static Command Create(CliConsole console)
    {
        var options = new OperatorOptions();
        var command = options.AddTo(new Command("stats", "Counters of a running application (--url), or quarantine and ledger contents of a data directory (--data)"));
        command.SetAction(async (result, cancellationToken) =>
        {
            var target = options.Target(result);
            if (target.IsOnline)
            {
                using var client = new AdminClient(target.Url!, target.Token!);
                var stats = await client.GetAsync("stats", AdminJsonContext.Default.StatsDocument, cancellationToken).ConfigureAwait(false);
                if (options.WantsJson(result))
                {
                    OperatorOptions.WriteDocument(console, stats, AdminJsonContext.Default.StatsDocument);
                }
                else
                {
                    WriteOnline(console, stats);
                }

                return ExitCodes.Ok;
            }

            using var directory = OfflineDataDirectory.Open(target.DataDirectory!);
            var showProgress = console.Interactive && !options.WantsJson(result);
            var kinds = showProgress
                ? console.ErrorAnsi.Progress().AutoClear(true).Start(progress =>
                {
                    var task = progress.AddTask("reading the ledger", maxValue: 1);
                    return directory.CountKinds(new Progress<double>(v => task.Value = v), cancellationToken);
                })
                : directory.CountKinds(null, cancellationToken);
            var kindsJson = new JsonObject();
            foreach (var (kind, count) in kinds)
            {
                kindsJson[kind] = count;
            }

            var document = new JsonObject
            {
                ["schema"] = "tracehound.offline-stats/v1",
                ["data_directory"] = directory.Path,
                ["quarantine"] = directory.QuarantineJson(),
                ["ledger"] = directory.LedgerJson(),
                ["ledger_records_by_kind"] = kindsJson,
            };
            if (options.WantsJson(result))
            {
                console.WriteJson(document);
            }
            else
            {
                var table = new Table().AddColumns("ledger record kind", "count");
                foreach (var (kind, count) in kinds)
                {
                    table.AddRow(Markup.Escape(kind), count.ToString(CultureInfo.InvariantCulture));
                }

                console.OutAnsi.Write(table);
                var severities = new Table().AddColumns("severity", "held", "stored bytes");
                foreach (var bucket in document["quarantine"]!["by_severity"]!.AsArray())
                {
                    severities.AddRow(bucket!["severity"]!.ToString(), bucket["count"]!.ToString(), Names.Bytes(bucket["bytes"]!.GetValue<long>()));
                }

                console.OutAnsi.Write(severities);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static void WriteOnline(CliConsole console, StatsDocument stats)
    {
        var intercepts = new Table().AddColumns("intercepts", "count");
        intercepts.AddRow("clean", Count(stats.Intercepts.Clean));
        intercepts.AddRow("quarantined", Count(stats.Intercepts.Quarantined));
        intercepts.AddRow("ignored (known threat)", Count(stats.Intercepts.Ignored));
        intercepts.AddRow("rate limited", Count(stats.Intercepts.RateLimited));
        intercepts.AddRow("payload too large", Count(stats.Intercepts.PayloadTooLarge));
        intercepts.AddRow("error (failed open)", Count(stats.Intercepts.Error));
        intercepts.AddRow("total", Count(stats.Intercepts.Total));
        console.OutAnsi.Write(intercepts);

        var quarantine = new Table().AddColumns("severity", "held", "bytes");
        foreach (var bucket in stats.Quarantine.BySeverity)
        {
            quarantine.AddRow(Markup.Escape(bucket.Severity), Count(bucket.Count), Names.Bytes(bucket.Bytes));
        }

        console.OutAnsi.Write(quarantine);

        var other = new Table().AddColumns("", "").HideHeaders();
        other.AddRow("fail-safe level", Markup.Escape(stats.FailSafeLevel));
        other.AddRow("evictions", $"{stats.Evictions.Total} (item limit {stats.Evictions.ItemLimit}, byte limit {stats.Evictions.ByteLimit}, expired {stats.Evictions.Expired})");
        other.AddRow("rate limit", $"{stats.RateLimit.TrackedSources} sources tracked, {stats.RateLimit.BlockedSources} blocked");
        other.AddRow("spoofed signals", $"{stats.Http.SpoofedSignals.Total} (untrusted {stats.Http.SpoofedSignals.UntrustedSource}, bad MAC {stats.Http.SpoofedSignals.InvalidMac})");
        other.AddRow("alerts", $"{stats.Notifications.AlertsRaised} raised, {stats.Notifications.AlertsSuppressed} suppressed");
        other.AddRow("ledger", stats.Ledger.Configured ? $"{stats.Ledger.Size} leaves, backlog {stats.Ledger.Backlog}" : "memory only");
        console.OutAnsi.Write(other);
    }

    private static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);
}
