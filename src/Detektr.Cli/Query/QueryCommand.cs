using System.CommandLine;
using System.Text;
using Detektr.Detonation;
using Detektr.Query;

namespace Detektr.Cli.Query;

/// <summary><c>detektr query [--runs DIR] "SQL"</c>: SQL over every run of a store with an embedded DuckDB.</summary>
internal static class QueryCommand
{
    /// <summary>Exit code when <c>--fail-if-rows</c> is given and the query returned rows.</summary>
    public const int RowsReturned = 1;

    private const int DefaultMaxRows = 1000;

    public static Command Create()
    {
        var sql = new Argument<string?>("sql")
        {
            Description = "SQL over the views runs, events, processes, files, network, detections, persistence, blocked_syscalls (several statements may be separated by ';')",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var file = new Option<string?>("--file") { Description = "Read the SQL from a file ('-' for standard input) instead of the argument", HelpName = "FILE" };
        var runs = new Option<string>("--runs")
        {
            Description = "Run store to query (a directory of run directories, or one run directory)",
            HelpName = "DIR",
            DefaultValueFactory = _ => DetonatorOptions.DefaultRunsDirectory,
        };
        var format = new Option<string>("--format")
        {
            Description = "table, json (an array of row objects per statement), jsonl (an object per line) or csv",
            DefaultValueFactory = _ => "table",
        };
        format.AcceptOnlyFromAmong("table", "json", "jsonl", "csv");
        var json = new Option<bool>("--json") { Description = "Same as --format json" };
        var maxRows = new Option<int>("--max-rows")
        {
            Description = "Rows shown per table in table format (0: all); the others stream every row",
            DefaultValueFactory = _ => DefaultMaxRows,
            HelpName = "N",
        };
        var failIfRows = new Option<bool>("--fail-if-rows") { Description = "Exit with 1 when the query returns any row (for checks in CI)" };

        var command = new Command("query", "Query every run of a store with SQL (DuckDB, embedded)")
        {
            runs, format, json, maxRows, failIfRows, file, sql,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            var text = await ReadSqlAsync(parse.GetValue(sql), parse.GetValue(file), cancellation).ConfigureAwait(false);
            if (text.Problem is { } problem)
            {
                await Console.Error.WriteLineAsync($"detektr: {problem}").ConfigureAwait(false);
                return ExitCodes.InvalidInput;
            }

            var rowsShown = parse.GetValue(maxRows);
            if (rowsShown < 0)
            {
                await Console.Error.WriteLineAsync("detektr: --max-rows must be 0 (all) or more").ConfigureAwait(false);
                return ExitCodes.InvalidInput;
            }

            var storePath = parse.GetValue(runs) ?? DetonatorOptions.DefaultRunsDirectory;
            if (!RunStore.TryOpen(storePath, out var store, out var storeProblem))
            {
                await Console.Error.WriteLineAsync($"detektr: {storeProblem}").ConfigureAwait(false);
                return ExitCodes.InvalidInput;
            }

            var chosen = parse.GetValue(json) ? QueryOutputFormat.Json : Parse(parse.GetValue(format));
            var outcome = Execute(store!, text.Sql!, chosen, rowsShown, cancellation);
            if (outcome.Error is { } error)
            {
                if (cancellation.IsCancellationRequested)
                {
                    await Console.Error.WriteLineAsync("detektr: query cancelled").ConfigureAwait(false);
                    return ExitCodes.Cancelled;
                }

                await Console.Error.WriteLineAsync($"detektr: query failed: {error}").ConfigureAwait(false);
                return ExitCodes.InvalidInput;
            }

            return parse.GetValue(failIfRows) && outcome.Rows > 0 ? RowsReturned : ExitCodes.Success;
        });
        return command;
    }

    private static QueryOutcome Execute(RunStore store, string sql, QueryOutputFormat format, int maxRows, CancellationToken cancellation)
    {
        using var session = RunQuerySession.Open(store);
        // Progress goes to a terminal's stderr, and only when the results do not stream to the same terminal.
        var progress = !Console.IsErrorRedirected && (format == QueryOutputFormat.Table || Console.IsOutputRedirected)
            ? new QueryProgressLine(Console.Error)
            : null;
        try
        {
            switch (format)
            {
                case QueryOutputFormat.Json or QueryOutputFormat.JsonLines:
                {
                    using var stdout = Console.OpenStandardOutput();
                    using var buffered = new BufferedStream(stdout, 1 << 16);
                    using var writer = new JsonResultWriter(buffered, lines: format == QueryOutputFormat.JsonLines);
                    return Run(session, sql, writer, progress, cancellation);
                }

                case QueryOutputFormat.Csv:
                {
                    using var stdout = Console.OpenStandardOutput();
                    using var text = new StreamWriter(stdout, new UTF8Encoding(false), 1 << 16);
                    return Run(session, sql, new CsvResultWriter(text), progress, cancellation);
                }

                default:
                    return Run(session, sql, new TableResultWriter(OutputConsole.ForStandardOutput(), Console.Error, maxRows), progress, cancellation);
            }
        }
        finally
        {
            progress?.Finish();
        }
    }

    private static QueryOutcome Run(RunQuerySession session, string sql, IQueryResultWriter writer, QueryProgressLine? progress, CancellationToken cancellation) =>
        progress is null
            ? session.Execute(sql, writer, cancellation)
            : session.Execute(sql, progress.Before(writer), progress, cancellation);

    private static QueryOutputFormat Parse(string? name) => name switch
    {
        "json" => QueryOutputFormat.Json,
        "jsonl" => QueryOutputFormat.JsonLines,
        "csv" => QueryOutputFormat.Csv,
        _ => QueryOutputFormat.Table,
    };

    private static async Task<(string? Sql, string? Problem)> ReadSqlAsync(string? argument, string? file, CancellationToken cancellation)
    {
        if (file is not null && argument is not null)
        {
            return (null, "give the SQL either as the argument or with --file, not both");
        }

        if (file is null)
        {
            return string.IsNullOrWhiteSpace(argument)
                ? (null, "no query: give the SQL as an argument (detektr query \"SELECT * FROM runs\") or with --file")
                : (argument, null);
        }

        try
        {
            var text = file == "-"
                ? await Console.In.ReadToEndAsync(cancellation).ConfigureAwait(false)
                : await File.ReadAllTextAsync(file, cancellation).ConfigureAwait(false);
            return string.IsNullOrWhiteSpace(text) ? (null, $"--file {file}: the file holds no SQL") : (text, null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, $"--file {file}: {ex.Message}");
        }
    }
}
