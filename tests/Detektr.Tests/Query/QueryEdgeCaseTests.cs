using Detektr.Query;

namespace Detektr.Tests.Query;

/// <summary>Run stores written by hand: empty and missing files, odd values, incomplete runs.</summary>
public sealed class QueryEdgeCaseTests : IDisposable
{
    private readonly HandWrittenStore _store = new();

    public void Dispose() => _store.Dispose();

    private QueryTable Query(string sql, out QueryOutcome outcome)
    {
        Assert.True(RunStore.TryOpen(_store.Path, out var store, out var problem), problem);
        using var session = RunQuerySession.Open(store!);
        var table = new QueryTable();
        outcome = session.Execute(sql, table, TestContext.Current.CancellationToken);
        return table;
    }

    private QueryResultSet Query(string sql)
    {
        var table = Query(sql, out var outcome);
        Assert.True(outcome.Succeeded, outcome.Error);
        return table.Last;
    }

    [Fact]
    public void A_run_with_an_empty_event_log_and_no_other_files_has_a_runs_row_and_empty_views()
    {
        _store.Run("quiet", ("manifest.json", HandWrittenStore.Manifest("quiet")), ("events.jsonl", ""));

        var run = Assert.Single(Query("SELECT RunId, NetworkMode, ExitCode, DurationMs, StartedUtc, ArtifactSha256, Events FROM runs").Rows);
        var counts = Query("SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM processes), (SELECT count(*) FROM files), (SELECT count(*) FROM network), (SELECT count(*) FROM detections), (SELECT count(*) FROM persistence)");

        Assert.Equal(("quiet", "none", 0, 500.5, new DateTime(2026, 1, 2, 3, 4, 5, 500)), ((string)run[0]!, (string)run[1]!, (int)run[2]!, (double)run[3]!, (DateTime)run[4]!));
        Assert.Null(run[5]);
        Assert.Null(run[6]);
        Assert.Equal([0L, 0L, 0L, 0L, 0L, 0L], Assert.Single(counts.Rows).Cast<long>());
    }

    [Fact]
    public void Detections_are_read_from_the_runs_that_have_them()
    {
        _store.Run("a", ("manifest.json", HandWrittenStore.Manifest("a")), ("events.jsonl", Event("a", 1) + "\n" + Event("a", 2) + "\n"),
            ("detections.jsonl", """
                {"RunId":"a","RuleId":"r-1","Title":"Cron job written","Level":"high","Tags":["attack.persistence","attack.t1053.003"],"Sequence":2}
                {"RunId":"a","Title":"No id","Level":"low","Sequence":1}

                """));
        _store.Run("b", ("manifest.json", HandWrittenStore.Manifest("b")), ("events.jsonl", Event("b", 1) + "\n"));

        var rows = Query("SELECT d.RunId, d.RuleId, d.Title, d.Level, d.Tags, d.Sequence, e.EventType FROM detections d JOIN events e USING (RunId, Sequence) ORDER BY d.Sequence");

        Assert.Equal(2, rows.Rows.Count);
        Assert.Equal(("a", null, "No id", "low", 1L), ((string)rows.Rows[0][0]!, (string?)rows.Rows[0][1], (string)rows.Rows[0][2]!, (string)rows.Rows[0][3]!, (long)rows.Rows[0][5]!));
        Assert.Equal(["attack.persistence", "attack.t1053.003"], ((System.Collections.IList)rows.Rows[1][4]!).Cast<string>());
        Assert.Equal("r-1", rows.Rows[1][1]);
        Assert.Equal("process_creation", rows.Rows[1][6]);
    }

    [Fact]
    public void Values_of_the_wrong_type_and_unknown_fields_are_nulls_and_kept_in_the_event_json()
    {
        _store.Run("odd", ("manifest.json", HandWrittenStore.Manifest("odd")), ("events.jsonl",
            """{"RunId":"odd","Sequence":"first","EventType":"process_creation","UtcTime":"not a time","Image":"/bin/true","ProcessId":2,"Future":{"x":1}}""" + "\n"));

        var row = Assert.Single(Query("SELECT Sequence, UtcTime, Image, ProcessId, Event->>'$.Future.x' FROM events").Rows);

        Assert.Equal((null, null, "/bin/true", 2L, "1"), (row[0], row[1], (string)row[2]!, (long)row[3]!, (string)row[4]!));
    }

    [Fact]
    public void Layer_and_sink_rows_carry_the_run_id_of_the_manifest_not_the_directory_name()
    {
        _store.Run("mitigation-b", ("manifest.json", HandWrittenStore.Manifest("20260102T030405Z-0badc0de")),
            ("changes.jsonl", """{"Path":"/etc/cron.d/job","Change":"created","Type":"file","Size":3,"Sha256":"ab","Copy":"files/etc/cron.d/job"}""" + "\n"),
            ("network.jsonl", """{"Time":"2026-01-02T03:04:05.25+00:00","Kind":"tls","SourceIp":"10.99.0.2","SourcePort":40000,"DestinationIp":"10.99.0.1","DestinationPort":443,"ServerName":"c2.example.net"}""" + "\n"));

        var file = Assert.Single(Query("SELECT RunId, Path, CopyPath FROM files").Rows);
        var sink = Assert.Single(Query("SELECT RunId, Kind, Protocol, ServerName, UtcTime FROM network").Rows);

        Assert.Equal(("20260102T030405Z-0badc0de", "/etc/cron.d/job", Path.Combine(_store.Path, "mitigation-b", "files/etc/cron.d/job")), ((string)file[0]!, (string)file[1]!, (string)file[2]!));
        Assert.Equal(("20260102T030405Z-0badc0de", "tls", "tcp", "c2.example.net", new DateTime(2026, 1, 2, 3, 4, 5, 250)), ((string)sink[0]!, (string)sink[1]!, (string)sink[2]!, (string)sink[3]!, (DateTime)sink[4]!));
    }

    [Fact]
    public void Directories_without_a_manifest_and_the_ledger_are_not_runs()
    {
        _store.Run("complete", ("manifest.json", HandWrittenStore.Manifest("complete")), ("events.jsonl", Event("complete", 1) + "\n"));
        _store.Run("in-progress", ("events.jsonl", "{\"RunId\":\"in-progress\",\"Sequ"));
        _store.Run("ledger", ("ledger", "x"));

        Assert.Equal(["complete"], Query("SELECT RunId FROM runs").Column("RunId").Cast<string>());
        Assert.Equal(1L, Assert.Single(Query("SELECT count(*) FROM events").Rows)[0]);
    }

    [Fact]
    public void A_malformed_line_fails_the_query_with_the_file_named()
    {
        var run = _store.Run("broken", ("manifest.json", HandWrittenStore.Manifest("broken")), ("events.jsonl", Event("broken", 1) + "\n{not json\n"));

        Query("SELECT count(*) FROM events", out var outcome);

        Assert.False(outcome.Succeeded);
        Assert.Contains(Path.Combine(run, "events.jsonl"), outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_directory_given_as_the_store_is_a_store_of_that_run()
    {
        var run = _store.Run("only", ("manifest.json", HandWrittenStore.Manifest("only")));

        Assert.True(RunStore.TryOpen(run, out var store, out _));

        Assert.Equal([run], store!.RunDirectories);
    }

    [Fact]
    public void A_store_without_runs_or_a_missing_store_is_refused_with_the_reason()
    {
        _store.Run("ledger", ("ledger", "x"));

        Assert.False(RunStore.TryOpen(_store.Path, out _, out var empty));
        Assert.False(RunStore.TryOpen(Path.Combine(_store.Path, "absent"), out _, out var missing));

        Assert.Contains("holds no runs", empty, StringComparison.Ordinal);
        Assert.Contains("no such run store", missing, StringComparison.Ordinal);
    }

    [Fact]
    public void Runs_are_found_by_name_or_by_a_unique_start_or_end_of_it()
    {
        _store.Run("20260102T030405Z-aaaa1111", ("manifest.json", HandWrittenStore.Manifest("x")));
        _store.Run("20260102T030405Z-bbbb2222", ("manifest.json", HandWrittenStore.Manifest("y")));
        Assert.True(RunStore.TryOpen(_store.Path, out var store, out _));

        Assert.True(store!.TryFindRun("bbbb2222", out var bySuffix, out _));
        Assert.False(store.TryFindRun("20260102", out _, out var ambiguous));
        Assert.False(store.TryFindRun("cccc", out _, out var unknown));

        Assert.EndsWith("-bbbb2222", bySuffix, StringComparison.Ordinal);
        Assert.Contains("names 2 runs", ambiguous, StringComparison.Ordinal);
        Assert.Contains("no run 'cccc'", unknown, StringComparison.Ordinal);
    }

    private static string Event(string run, int sequence) =>
        $$"""{"RunId":"{{run}}","Sequence":{{sequence}},"EventType":"process_creation","UtcTime":"2026-01-02T03:04:05.000001Z","Image":"/bin/true","CommandLine":"true","ProcessId":{{sequence + 1}}}""";
}
