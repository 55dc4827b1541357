using System.Text.Json;
using Detektr.Tests.TestSupport;

namespace Detektr.Tests.Query;

[Collection(DetonatedRunsGroup.Name)]
public sealed class QueryCommandTests(DetonatedRuns runs) : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private Task<CliProcess.Result> Detektr(params string[] arguments) => CliProcess.RunAsync(_directory.Path, arguments);

    [Fact]
    public async Task A_table_shows_the_columns_the_rows_and_their_count()
    {
        var result = await Detektr("query", "--runs", runs.Store, "SELECT RunId, NetworkMode FROM runs ORDER BY RunId");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("NetworkMode", result.Stdout, StringComparison.Ordinal);
        Assert.All(runs.All, r => Assert.Contains(r.Manifest.RunId, result.Stdout, StringComparison.Ordinal));
        Assert.Contains("4 rows", result.Stdout, StringComparison.Ordinal);
        Assert.Empty(result.Stderr);
    }

    [Fact]
    public async Task A_table_shows_at_most_max_rows_and_says_how_many_there_were()
    {
        var result = await Detektr("query", "--runs", runs.Store, "--max-rows", "2", "SELECT Sequence FROM events");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"{runs.All.Sum(r => r.Events.Count)} rows, the first 2 shown", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("--max-rows 0", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_rows_are_objects_with_typed_values()
    {
        var result = await Detektr("query", "--runs", runs.Store, "--json",
            "SELECT RunId, ExitCode, DurationMs, CommandArguments, StartedUtc, NULL AS Nothing FROM runs ORDER BY RunId");

        Assert.Equal(0, result.ExitCode);
        using var document = JsonDocument.Parse(result.Stdout);
        var rows = document.RootElement.EnumerateArray().ToList();
        Assert.Equal(4, rows.Count);
        var first = rows[0];
        Assert.Equal(runs.All.Select(r => r.Manifest.RunId).Order(StringComparer.Ordinal).First(), first.GetProperty("RunId").GetString());
        Assert.Equal(0, first.GetProperty("ExitCode").GetInt32());
        Assert.Equal(JsonValueKind.Number, first.GetProperty("DurationMs").ValueKind);
        Assert.Equal(["/bin/sh", "-c", DetonatedRuns.Script], first.GetProperty("CommandArguments").EnumerateArray().Select(e => e.GetString()));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$", first.GetProperty("StartedUtc").GetString());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("Nothing").ValueKind);
    }

    [Fact]
    public async Task Json_lines_give_one_object_per_row()
    {
        var result = await Detektr("query", "--runs", runs.Store, "--format", "jsonl", "SELECT Sequence, Event FROM events ORDER BY RunId, Sequence LIMIT 3");

        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal([1L, 2L, 3L], lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("Sequence").GetInt64()));
        Assert.All(lines, line =>
        {
            var row = JsonDocument.Parse(line).RootElement;
            var evt = JsonDocument.Parse(row.GetProperty("Event").GetString()!).RootElement;
            Assert.Equal(row.GetProperty("Sequence").GetInt64(), evt.GetProperty("Sequence").GetInt64());
        });
    }

    [Fact]
    public async Task Csv_export_has_a_header_and_quotes_fields_with_commas_and_quotes()
    {
        var result = await Detektr("query", "--runs", runs.Store, "--format", "csv",
            "SELECT RunId, 'a,b' AS Comma, 'say \"hi\"' AS Quote, NULL AS Empty FROM runs ORDER BY RunId LIMIT 1");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Stdout.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("RunId,Comma,Quote,Empty", lines[0]);
        Assert.Equal($"{runs.All.Select(r => r.Manifest.RunId).Order(StringComparer.Ordinal).First()},\"a,b\",\"say \"\"hi\"\"\",", lines[1]);
        Assert.Equal(2, lines.Length);
    }

    [Fact]
    public async Task Bad_sql_exits_2_with_duckdb_s_message()
    {
        var result = await Detektr("query", "--runs", runs.Store, "SELECT FROM WHERE");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("query failed: Parser Error", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public async Task A_store_without_runs_exits_2_and_says_how_to_make_one()
    {
        Directory.CreateDirectory(Path.Combine(_directory.Path, "runs", "ledger"));

        var result = await Detektr("query", "SELECT * FROM runs");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("holds no runs", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("detektr run", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fail_if_rows_exits_1_when_the_check_finds_rows_and_0_when_it_does_not()
    {
        var found = await Detektr("query", "--runs", runs.Store, "--fail-if-rows", "--format", "csv", "SELECT RunId FROM files WHERE Path = '/etc/cron.d/job' AND Source = 'layer'");
        var clean = await Detektr("query", "--runs", runs.Store, "--fail-if-rows", "SELECT RunId FROM files WHERE Path = '/etc/shadow'");

        Assert.Equal(1, found.ExitCode);
        Assert.Equal(4, found.Stdout.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(0, clean.ExitCode);
        Assert.Contains("0 rows", clean.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sql_can_come_from_a_file()
    {
        var file = _directory.File("check.sql", "SELECT count(*) AS Runs FROM runs;\n");

        var result = await Detektr("query", "--runs", runs.Store, "--file", file, "--format", "csv");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Runs\r\n4\r\n", result.Stdout);
    }
}
