using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;
using Tracehound.Cli.Output;

namespace Tracehound.Cli.Operations;

/// <summary>
/// <c>tracehound watch (--url URL | --data DIR) [--interval 1s] [--count N] [--json]</c>: a live dashboard
/// of intercepts per second by status, quarantine by severity and fill, fail-safe level, and recent alerts
/// and evictions; <c>q</c> quits. When the output is not a terminal it prints one frame per refresh
/// (with <c>--json</c>, one JSON object per line), which is what scripts and tests read.
/// </summary>
internal static class WatchCommand
{
    public static Command Create(CliConsole console)
    {
        var options = new OperatorOptions();
        var interval = new Option<TimeSpan>("--interval") { Description = "Time between refreshes", DefaultValueFactory = _ => TimeSpan.FromSeconds(1) };
        var count = new Option<int?>("--count") { Description = "Stop after this many refreshes (default: until q or Ctrl+C)" };
        var command = options.AddTo(new Command("watch", "Live dashboard of a running application (--url) or a data directory (--data); press q to quit") { interval, count });
        command.SetAction(async (result, cancellationToken) =>
        {
            var target = options.Target(result);
            var every = result.GetValue(interval);
            if (every < TimeSpan.FromMilliseconds(100))
            {
                throw new UsageException("--interval must be at least 100ms");
            }

            var limit = result.GetValue(count);
            if (limit is < 1)
            {
                throw new UsageException("--count must be at least 1");
            }

            using IDashboardSource source = target.IsOnline
                ? new AdminDashboardSource(target.Url!, target.Token!)
                : new DataDirectoryDashboardSource(target.DataDirectory!);
            if (console.Interactive && !options.WantsJson(result))
            {
                await RunLiveAsync(console, source, every, limit, cancellationToken).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            for (var frames = 0; limit is null || frames < limit; frames++)
            {
                if (frames > 0)
                {
                    await Task.Delay(every, cancellationToken).ConfigureAwait(false);
                }

                var frame = await source.ReadAsync(cancellationToken).ConfigureAwait(false);
                if (options.WantsJson(result))
                {
                    console.Out.WriteLine(frame.ToJson().ToJsonString());
                }
                else
                {
                    console.OutAnsi.Write(Render(frame));
                }
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task RunLiveAsync(CliConsole console, IDashboardSource source, TimeSpan every, int? limit, CancellationToken cancellationToken)
    {
        var first = await source.ReadAsync(cancellationToken).ConfigureAwait(false);
        await console.OutAnsi.Live(Render(first)).AutoClear(false).StartAsync(async context =>
        {
            for (var frames = 1; limit is null || frames < limit; frames++)
            {
                var deadline = DateTime.UtcNow + every;
                while (DateTime.UtcNow < deadline)
                {
                    if (QuitPressed())
                    {
                        return;
                    }

                    await Task.Delay(50, cancellationToken).ConfigureAwait(false);
                }

                context.UpdateTarget(Render(await source.ReadAsync(cancellationToken).ConfigureAwait(false)));
            }
        }).ConfigureAwait(false);
    }

    private static bool QuitPressed()
    {
        while (!Console.IsInputRedirected && Console.KeyAvailable)
        {
            if (Console.ReadKey(intercept: true).Key is ConsoleKey.Q or ConsoleKey.Escape)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The dashboard: a header line, then rates, quarantine and events side by side.</summary>
    internal static IRenderable Render(DashboardFrame frame)
    {
        var header = new Markup(string.Create(CultureInfo.InvariantCulture,
            $"[bold]tracehound watch[/] {Markup.Escape(frame.Source)}  {frame.Time:HH:mm:ss}  health [bold]{Markup.Escape(frame.Health ?? "n/a")}[/]  fail-safe [bold]{Markup.Escape(frame.FailSafeLevel ?? "n/a")}[/]  ledger {frame.LedgerSize?.ToString(CultureInfo.InvariantCulture) ?? "n/a"} leaves  (q quits)"));

        var rates = new Table().Title("intercepts/s").AddColumns("status", "per second");
        foreach (var (status, perSecond) in frame.RatesByStatus)
        {
            rates.AddRow(status, perSecond.ToString("0.0", CultureInfo.InvariantCulture));
        }

        if (frame.RatesByStatus.Count == 0)
        {
            rates.AddRow(frame.Note is null ? "(next refresh)" : "n/a", string.Empty);
        }

        var quarantine = new Table().Title(frame.MaxItems is { } max
            ? string.Create(CultureInfo.InvariantCulture, $"quarantine {frame.Held}/{max} ({frame.FillRatio:P0})")
            : $"quarantine {frame.Held}").AddColumns("severity", "held", "bytes");
        foreach (var (severity, held, bytes) in frame.BySeverity)
        {
            quarantine.AddRow(severity, held.ToString(CultureInfo.InvariantCulture), Names.Bytes(bytes));
        }

        var fill = new BreakdownChart().Width(40);
        var colors = new[] { Color.Green, Color.Yellow, Color.Orange1, Color.Red };
        for (var i = 0; i < frame.BySeverity.Count; i++)
        {
            if (frame.BySeverity[i].Count > 0)
            {
                fill.AddItem(frame.BySeverity[i].Severity, frame.BySeverity[i].Count, colors[i % colors.Length]);
            }
        }

        var events = new Table().Title("recent alerts and evictions").AddColumns("event");
        foreach (var alert in frame.Alerts)
        {
            events.AddRow(new Markup("[red]" + Markup.Escape(alert) + "[/]"));
        }

        foreach (var eviction in frame.Evictions)
        {
            events.AddRow(Markup.Escape(eviction));
        }

        if (frame.Alerts.Count + frame.Evictions.Count == 0)
        {
            events.AddRow("none");
        }

        var rows = new List<IRenderable> { header, new Columns(rates, new Rows(quarantine, fill), events) };
        if (frame.Note is not null)
        {
            rows.Add(new Markup("[grey]" + Markup.Escape(frame.Note) + "[/]"));
        }

        return new Rows(rows);
    }
}
