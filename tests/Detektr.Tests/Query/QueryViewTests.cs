using System.Security.Cryptography;
using Detektr.Events;
using Detektr.Query;
using Detektr.Tests.TestSupport;

namespace Detektr.Tests.Query;

[Collection(DetonatedRunsGroup.Name)]
public sealed class QueryViewTests(DetonatedRuns runs) : IDisposable
{
    private readonly RunQuerySession _session = Open(runs.Store);

    public void Dispose() => _session.Dispose();

    private static RunQuerySession Open(string store)
    {
        Assert.True(RunStore.TryOpen(store, out var opened, out var problem), problem);
        return RunQuerySession.Open(opened!);
    }

    private QueryResultSet Query(string sql)
    {
        var table = new QueryTable();
        var outcome = _session.Execute(sql, table, TestContext.Current.CancellationToken);
        Assert.True(outcome.Succeeded, outcome.Error);
        return table.Last;
    }

    private object? Scalar(string sql) => Assert.Single(Query(sql).Rows)[0];

    public static TheoryData<string, string> ViewColumns => new()
    {
        { "runs", "RunId Directory Tool ArtifactPath ArtifactSandboxPath ArtifactType ArtifactDescription ArtifactSha256 ArtifactSize Command CommandArguments NetworkMode Hostname WorkingDirectory ReadOnlyPaths DeniedSyscalls Sensor Kernel StartedUtc EndedUtc DurationMs Termination ExitCode Signal TerminationDetail Events ProcessesCreated FileEvents FilesWritten FileChanges NetworkConnections DnsQueries HttpRequests NetworkRecords PersistenceFindings BlockedSyscalls PeakMemoryBytes Warnings Manifest" },
        { "events", "RunId Sequence EventType UtcTime Image CommandLine ParentImage ParentCommandLine CurrentDirectory User ProcessId ParentProcessId ExitCode Signal Operation TargetFilename SourceFilename Outcome Mode Owner Initiated Protocol SourceIp SourcePort DestinationIp DestinationPort DestinationHostname QueryName QueryType QueryResults Method Host Path Headers Event" },
        { "processes", "RunId Sequence UtcTime ProcessId ParentProcessId Image CommandLine ParentImage ParentCommandLine CurrentDirectory User ReplacedByExec ExitSequence ExitUtcTime ExitCode Signal DurationMs" },
        { "files", "RunId Source Sequence UtcTime Operation Path SourceFilename Outcome Image ProcessId Mode Owner Change FileType Size Sha256 ContentType Uid Gid LinkTarget CopyPath CopySkipped" },
        { "network", "RunId Source Kind Sequence UtcTime Protocol SourceIp SourcePort DestinationIp DestinationPort DestinationHostname Outcome QueryName QueryType QueryId QueryResults Method Host Path Headers ServerName Bytes Preview Image ProcessId" },
        { "detections", "RunId RuleId Title Level Tags Sequence" },
        { "persistence", "RunId Technique Name Path Change Sha256 Detail EventSequences" },
        { "blocked_syscalls", "RunId Syscall Image ProcessId Attempts FirstUtc" },
    };

    [Theory]
    [MemberData(nameof(ViewColumns))]
    public void Every_view_has_its_documented_columns(string view, string columns)
    {
        var described = Query($"SELECT column_name FROM (DESCRIBE {view})").Column("column_name").Cast<string>();

        Assert.Equal(columns.Split(' '), described);
    }

    [Fact]
    public void The_views_are_the_documented_ones()
    {
        var views = Query("SELECT view_name FROM duckdb_views() WHERE NOT internal AND schema_name = 'main' ORDER BY view_name").Column("view_name");

        Assert.Equal(RunQuerySession.ViewNames.Order(StringComparer.Ordinal), views.Cast<string>());
    }

    [Fact]
    public void Runs_has_one_row_per_run_with_the_manifest_values()
    {
        var rows = Query("SELECT RunId, NetworkMode, Termination, ExitCode, Command, ArtifactType, DeniedSyscalls, ReadOnlyPaths, Events, DurationMs, StartedUtc FROM runs ORDER BY RunId");

        Assert.Equal(runs.All.Select(r => r.Manifest.RunId).Order(StringComparer.Ordinal), rows.Column("RunId").Cast<string>());
        foreach (var run in runs.All)
        {
            var row = rows.Rows.Single(r => (string)r[0]! == run.Manifest.RunId);
            Assert.Equal(run.Manifest.Sandbox.Network, row[1]);
            Assert.Equal("exited", row[2]);
            Assert.Equal(0, row[3]);
            Assert.Equal(string.Join(' ', run.Manifest.Command), row[4]);
            Assert.Null(row[5]);
            Assert.Equal(run.Manifest.Counts.Events, row[8]);
            Assert.Equal(run.Manifest.SandboxMilliseconds, (double)row[9]!, 3);
            Assert.Equal(run.Manifest.StartedUtc.UtcDateTime, (DateTime)row[10]!, TimeSpan.FromMilliseconds(0.001));
        }

        var mitigated = rows.Rows.Single(r => (string)r[0]! == runs.Mitigated.Manifest.RunId);
        Assert.Equal(["connect"], ((System.Collections.IList)mitigated[6]!).Cast<string>());
        Assert.Equal(["/etc/cron.d"], ((System.Collections.IList)mitigated[7]!).Cast<string>());
    }

    [Fact]
    public void Events_holds_every_event_of_every_run_with_the_full_event_as_json()
    {
        Assert.Equal(runs.All.Sum(r => (long)r.Events.Count), Scalar("SELECT count(*) FROM events"));

        var run = runs.Sinkhole;
        var rows = Query($"SELECT Sequence, EventType, UtcTime, Event FROM events WHERE RunId = '{run.Manifest.RunId}' ORDER BY Sequence");
        Assert.Equal(run.Events.Count, rows.Rows.Count);
        for (var i = 0; i < rows.Rows.Count; i++)
        {
            var expected = run.Events[i];
            Assert.Equal(expected.Sequence.Value, rows.Rows[i][0]);
            Assert.Equal(expected.EventType.ToWireName(), rows.Rows[i][1]);
            Assert.Equal(expected.UtcTime.UtcDateTime, (DateTime)rows.Rows[i][2]!, TimeSpan.FromMicroseconds(1));
            Assert.Equal(EventJson.Serialize(expected), EventJson.Serialize(EventJson.Parse((string)rows.Rows[i][3]!, i + 1)));
        }
    }

    [Fact]
    public void Processes_joins_each_execution_with_its_exit()
    {
        var rows = Query($"""
            SELECT RunId, Image, ExitCode, ReplacedByExec, DurationMs >= 0 FROM processes
            WHERE Image IN ('/bin/sh', '/usr/bin/python3', '/usr/bin/mktemp') ORDER BY RunId, Sequence
            """);

        Assert.Equal(runs.All.Sum(r => r.Of<ProcessCreationEvent>().Count()), Convert.ToInt32(Scalar("SELECT count(*) FROM processes"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(12, rows.Rows.Count);
        Assert.All(rows.Rows, r => Assert.Equal((0, false, true), ((int?)r[2], (bool)r[3]!, (bool)r[4]!)));
    }

    [Fact]
    public void Files_has_the_file_events_and_the_layer_diff_with_hashes_and_copies()
    {
        var run = runs.Sinkhole.Manifest.RunId;
        var layer = Query($"SELECT Path, Change, FileType, Size, Sha256, CopyPath FROM files WHERE RunId = '{run}' AND Source = 'layer' AND Path = '/etc/cron.d/job'");
        var row = Assert.Single(layer.Rows);
        var change = runs.Sinkhole.Changes.Single(c => c.Path == "/etc/cron.d/job");
        Assert.Equal(("created", "file", change.Size), ((string)row[1]!, (string)row[2]!, (long?)row[3]));
        var copy = (string)row[5]!;
        Assert.Equal(Path.Combine(runs.Sinkhole.Directory, "files/etc/cron.d/job"), copy);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(copy))), row[4]);

        var events = Query($"SELECT Operation, Outcome, Image, Sha256 FROM files WHERE RunId = '{run}' AND Source = 'event' AND Path = '/etc/cron.d/job'");
        var created = Assert.Single(events.Rows);
        Assert.Equal(("create", "success", "/bin/sh", row[4]), (created[0], created[1], created[2], created[3]));

        Assert.Equal(runs.All.Sum(r => (long)r.Changes.Count), Scalar("SELECT count(*) FROM files WHERE Source = 'layer'"));
        Assert.Equal(runs.All.Sum(r => (long)r.Of<FileEvent>().Count()), Scalar("SELECT count(*) FROM files WHERE Source = 'event'"));
    }

    [Fact]
    public void Which_runs_wrote_under_etc_leaves_out_the_run_where_cron_d_was_read_only()
    {
        var wrote = Query("SELECT DISTINCT RunId FROM files WHERE Path LIKE '/etc/%' AND Outcome = 'success' ORDER BY RunId").Column("RunId");
        var refused = Query("SELECT RunId, Path, Outcome FROM files WHERE Path LIKE '/etc/%' AND Outcome <> 'success'");

        Assert.Equal(new[] { runs.Sinkhole, runs.SinkholeAgain, runs.NoNetwork }.Select(r => r.Manifest.RunId).Order(StringComparer.Ordinal), wrote.Cast<string>());
        var attempt = Assert.Single(refused.Rows);
        Assert.Equal((runs.Mitigated.Manifest.RunId, "/etc/cron.d/job", "EROFS"), ((string)attempt[0]!, (string)attempt[1]!, (string)attempt[2]!));
    }

    [Fact]
    public void Network_shows_each_outcome_of_the_same_connection_by_run()
    {
        var outcomes = Query("""
            SELECT r.NetworkMode, list_sort(r.DeniedSyscalls) = ['connect'] AS Denied, n.Outcome
            FROM network n JOIN runs r USING (RunId)
            WHERE n.Kind = 'network_connection' AND n.DestinationIp = '198.51.100.7' AND n.DestinationPort = 443
            ORDER BY n.Outcome
            """);

        Assert.Equal(
            [("none", false, "ENETUNREACH"), ("sinkhole", true, "EPERM"), ("sinkhole", false, "success"), ("sinkhole", false, "success")],
            outcomes.Rows.Select(r => ((string)r[0]!, (bool)r[1]!, (string)r[2]!)));
    }

    [Fact]
    public void Every_outbound_connection_by_host_counts_names_and_addresses()
    {
        var hosts = Query("""
            SELECT coalesce(DestinationHostname, DestinationIp) AS Host, DestinationPort AS Port, count(DISTINCT RunId) AS Runs
            FROM network WHERE Kind = 'network_connection' AND Protocol = 'tcp' AND Outcome = 'success'
            GROUP BY ALL ORDER BY Host
            """);

        Assert.Equal([("198.51.100.7", 443, 2L), ("c2.example.net", 80, 2L)], hosts.Rows.Select(r => ((string)r[0]!, (int)r[1]!, (long)r[2]!)));
    }

    [Fact]
    public void Network_has_what_the_sink_received_beside_the_events()
    {
        var sink = Query($"SELECT Kind, Protocol, Method, Host, Path FROM network WHERE Source = 'sink' AND RunId = '{runs.Sinkhole.Manifest.RunId}' AND Kind = 'http'");
        var noSink = Scalar($"SELECT count(*) FROM network WHERE Source = 'sink' AND RunId = '{runs.NoNetwork.Manifest.RunId}'");

        Assert.Equal(("http", "tcp", "GET", "c2.example.net", "/beacon?id=7"), Tuple(Assert.Single(sink.Rows)));
        Assert.Equal(0L, noSink);
        Assert.Equal(runs.All.Sum(r => (long)r.Network.Count), Scalar("SELECT count(*) FROM network WHERE Source = 'sink'"));
    }

    [Fact]
    public void Persistence_and_dns_answers_differ_as_the_runs_did()
    {
        var persisted = Query("SELECT RunId, Technique, Path FROM persistence ORDER BY RunId");
        var answered = Query("SELECT RunId, QueryResults FROM network WHERE Kind = 'dns_query' AND QueryType = 'A' AND QueryName = 'c2.example.net' AND Source = 'event' ORDER BY RunId");

        Assert.Equal(3, persisted.Rows.Count);
        Assert.All(persisted.Rows, r => Assert.Equal(("T1053.003", "/etc/cron.d/job"), ((string)r[1]!, (string)r[2]!)));
        Assert.DoesNotContain(runs.Mitigated.Manifest.RunId, persisted.Column("RunId"));
        Assert.Contains(answered.Rows, r => (string)r[0]! == runs.NoNetwork.Manifest.RunId && r[1] is null);
        Assert.Contains(answered.Rows, r => (string)r[0]! == runs.Sinkhole.Manifest.RunId && (string?)r[1] == "10.99.0.1");
    }

    [Fact]
    public void Detections_is_empty_but_typed_when_no_run_has_detections()
    {
        Assert.Equal(0L, Scalar("SELECT count(*) FROM detections"));
        Assert.Equal("VARCHAR[]", Scalar("SELECT column_type FROM (DESCRIBE detections) WHERE column_name = 'Tags'"));
    }

    [Fact]
    public void Blocked_system_calls_come_from_the_manifests()
    {
        var blocked = Query("SELECT RunId, Syscall, Image, Attempts FROM blocked_syscalls");

        Assert.All(blocked.Rows, r => Assert.Equal((runs.Mitigated.Manifest.RunId, "connect"), ((string)r[0]!, (string)r[1]!)));
        Assert.Equal(runs.Mitigated.Manifest.BlockedSyscalls.Sum(b => b.Attempts), blocked.Rows.Sum(r => (int)r[3]!));
        Assert.NotEmpty(blocked.Rows);
    }

    [Fact]
    public void Several_statements_give_a_result_set_each()
    {
        var table = new QueryTable();

        var outcome = _session.Execute("SELECT count(*) AS n FROM runs; SELECT 'x' AS y UNION ALL SELECT 'z'", table, TestContext.Current.CancellationToken);

        Assert.Equal(new QueryOutcome(2, 3, null), outcome);
        Assert.Equal(["n"], table.ResultSets[0].Columns.Select(c => c.Name));
        Assert.Equal(["x", "z"], table.ResultSets[1].Column("y").Cast<string>());
    }

    [Theory]
    [InlineData("SELEC * FROM runs", "Parser Error")]
    [InlineData("SELECT NoSuchColumn FROM events", "NoSuchColumn")]
    [InlineData("SELECT * FROM no_such_view", "no_such_view")]
    public void Bad_sql_returns_duckdb_s_message(string sql, string expected)
    {
        var table = new QueryTable();

        var outcome = _session.Execute(sql, table, TestContext.Current.CancellationToken);

        Assert.False(outcome.Succeeded);
        Assert.Contains(expected, outcome.Error, StringComparison.Ordinal);
        Assert.Empty(table.ResultSets);
    }

    private static (object?, object?, object?, object?, object?) Tuple(IReadOnlyList<object?> row) => (row[0], row[1], row[2], row[3], row[4]);
}
