using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;
using Tracehound.AspNetCore.Admin;
using Tracehound.Cli.Output;

namespace Tracehound.Cli.Operations;

/// <summary>
/// <c>tracehound status (--data DIR | --url URL) [--json]</c>: is it healthy and how full is it.
/// Online, exit 0 when healthy and 1 when degraded or unhealthy; offline, exit 0 when the directory reads.
/// </summary>
internal static class StatusCommand
{
    public static Command Create(CliConsole console)
    {
        var options = new OperatorOptions();
        var command = options.AddTo(new Command("status", "Health, fail-safe level, quarantine fill and ledger of a running application (--url) or a data directory (--data)"));
        command.SetAction(async (result, cancellationToken) =>
        {
            var target = options.Target(result);
            if (target.IsOnline)
            {
                using var client = new AdminClient(target.Url!, target.Token!);
                var status = await client.GetAsync("status", AdminJsonContext.Default.StatusDocument, cancellationToken).ConfigureAwait(false);
                if (options.WantsJson(result))
                {
                    OperatorOptions.WriteDocument(console, status, AdminJsonContext.Default.StatusDocument);
                }
                else
                {
                    WriteOnline(console, status);
                }

                return status.Health == "healthy" ? ExitCodes.Ok : ExitCodes.Failed;
            }

            using var directory = OfflineDataDirectory.Open(target.DataDirectory!);
            var document = new JsonObject
            {
                ["schema"] = "tracehound.offline-status/v1",
                ["data_directory"] = directory.Path,
                ["quarantine"] = directory.QuarantineJson(),
                ["ledger"] = directory.LedgerJson(),
            };
            if (options.WantsJson(result))
            {
                console.WriteJson(document);
            }
            else
            {
                WriteOffline(console, document);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static void WriteOnline(CliConsole console, StatusDocument status)
    {
        var table = new Table().AddColumns("", "").HideHeaders();
        table.AddRow("health", Markup.Escape(status.Health));
        table.AddRow("fail-safe level", Markup.Escape(status.FailSafeLevel));
        table.AddRow("uptime", TimeSpan.FromSeconds(Math.Round(status.UptimeSeconds)).ToString("c", CultureInfo.InvariantCulture));
        table.AddRow("intercepts", string.Create(CultureInfo.InvariantCulture, $"{status.InterceptsTotal} ({status.InterceptsPerSecond:0.#}/s)"));
        table.AddRow("quarantine", string.Create(CultureInfo.InvariantCulture,
            $"{status.Quarantine.Count}/{status.Quarantine.MaxItems} items, {Names.Bytes(status.Quarantine.Bytes)} of {Names.Bytes(status.Quarantine.MaxBytes)} ({status.Quarantine.FillRatio:P1})"));
        table.AddRow("ledger", status.Ledger.Configured
            ? string.Create(CultureInfo.InvariantCulture, $"{status.Ledger.Size} leaves, checkpoint at {status.Ledger.CheckpointSize?.ToString(CultureInfo.InvariantCulture) ?? "none"}, backlog {status.Ledger.Backlog}{(status.Ledger.Healthy ? string.Empty : ", FAILING")}")
            : "not configured (memory only)");
        console.OutAnsi.Write(table);
    }

    private static void WriteOffline(CliConsole console, JsonObject document)
    {
        var quarantine = document["quarantine"]!.AsObject();
        var ledger = document["ledger"]!.AsObject();
        var table = new Table().AddColumns("", "").HideHeaders();
        table.AddRow("data directory", Markup.Escape(document["data_directory"]!.GetValue<string>()));
        table.AddRow("quarantine", $"{quarantine["count"]} items, {Names.Bytes(quarantine["bytes"]!.GetValue<long>())} stored");
        foreach (var bucket in quarantine["by_severity"]!.AsArray())
        {
            table.AddRow($"  {bucket!["severity"]}", $"{bucket["count"]} items, {Names.Bytes(bucket["bytes"]!.GetValue<long>())}");
        }

        table.AddRow("ledger", ledger["configured"]!.GetValue<bool>()
            ? $"{ledger["size"]} leaves, checkpoint at {ledger["checkpoint_size"]?.ToString() ?? "none"}"
            : "none");
        console.OutAnsi.Write(table);
    }
}
