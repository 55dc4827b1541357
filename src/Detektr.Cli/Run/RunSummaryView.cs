using System.Globalization;
using Detektr.Detonation;
using Detektr.Events;
using Spectre.Console;

namespace Detektr.Cli.Run;

/// <summary>The human-readable summary of a run: what ran, how it ended, and what it did.</summary>
internal static class RunSummaryView
{
    private const int MaxRows = 15;

    public static void Render(RunResult result)
    {
        var manifest = result.Manifest;
        var console = AnsiConsole.Console;
        var counts = manifest.Counts;
        var overview = new Grid().AddColumn().AddColumn();
        overview.AddRow("[bold]Run[/]", Markup.Escape($"{manifest.RunId}  {result.Directory}"));
        overview.AddRow("[bold]Ran[/]", Markup.Escape(manifest.Artifact is { } a
            ? $"{a.SandboxPath} ({a.Description}, sha256 {a.Sha256[..16]}…)"
            : string.Join(' ', manifest.Command)));
        var termination = manifest.Termination;
        var color = termination.Reason == "exited" && termination.ExitCode == 0 ? "green" : termination.Reason == "exited" ? "yellow" : "red";
        overview.AddRow("[bold]Ended[/]", $"[{color}]{Markup.Escape(termination.Detail)}[/] after " +
                                          Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{manifest.SandboxMilliseconds / 1000:0.###} s")));
        overview.AddRow("[bold]Network[/]", Markup.Escape(manifest.Sandbox.Network));
        if (result.Ledger is { } receipt)
        {
            overview.AddRow("[bold]Ledger[/]", Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"leaf {receipt.Leaf} of {receipt.TreeSize} in {receipt.Ledger}")));
        }

        overview.AddRow("[bold]Did[/]", Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"{counts.ProcessesCreated} processes, {counts.FilesWritten} files written, {counts.FileChanges} changes, " +
            $"{counts.NetworkConnections} network attempts, {counts.DnsQueries} DNS queries, {counts.HttpRequests} HTTP requests, " +
            $"{counts.PersistenceFindings} persistence findings, {counts.BlockedSyscalls} blocked system calls")));
        console.Write(overview);

        var processes = result.Events.OfType<ProcessCreationEvent>().ToList();
        if (processes.Count > 0)
        {
            var table = new Table().Title("Processes").AddColumns("PID", "Parent", "Image", "Command line");
            foreach (var p in processes.Take(MaxRows))
            {
                table.AddRow(p.ProcessId.ToString(CultureInfo.InvariantCulture), p.ParentProcessId?.ToString(CultureInfo.InvariantCulture) ?? "",
                    Markup.Escape(p.Image), Markup.Escape(Shorten(p.CommandLine)));
            }

            console.Write(table);
            More(console, processes.Count);
        }

        var connections = result.Events.OfType<NetworkConnectionEvent>().ToList();
        if (connections.Count > 0)
        {
            var table = new Table().Title("Network").AddColumns("Image", "Protocol", "Destination", "Host", "Outcome");
            foreach (var c in connections.Take(MaxRows))
            {
                table.AddRow(Markup.Escape(c.Image), c.Protocol, Markup.Escape($"{c.DestinationIp}:{c.DestinationPort}"),
                    Markup.Escape(c.DestinationHostname ?? ""), Markup.Escape(c.Outcome));
            }

            console.Write(table);
            More(console, connections.Count);
        }

        if (manifest.Persistence.Count > 0)
        {
            var table = new Table().Title("Persistence").AddColumns("Technique", "Name", "Path", "Change");
            foreach (var f in manifest.Persistence)
            {
                table.AddRow(f.Technique, Markup.Escape(f.Name), Markup.Escape(f.Path + (f.Detail is null ? "" : $" ({f.Detail})")), f.Change);
            }

            console.Write(table);
        }

        foreach (var warning in manifest.Warnings)
        {
            console.MarkupLine($"[yellow]warning:[/] {Markup.Escape(warning)}");
        }
    }

    private static void More(IAnsiConsole console, int count)
    {
        if (count > MaxRows)
        {
            console.MarkupLine(Markup.Escape($"… and {count - MaxRows} more in events.jsonl"));
        }
    }

    private static string Shorten(string text) => text.Length <= 100 ? text : text[..97] + "...";
}
