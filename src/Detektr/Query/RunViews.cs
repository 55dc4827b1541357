using System.Globalization;
using System.Text.Json;
using Detektr.Changes;
using Detektr.Events;
using Detektr.Network;
using Detektr.Runs;

namespace Detektr.Query;

/// <summary>The SQL that defines the query views over a run store. DuckDB reads the run files in place
/// (<c>read_json_objects</c> / <c>read_ndjson_objects</c>) each time a view is queried; every line is
/// parsed once into a struct of explicit types (<c>json_transform</c>), so a missing field is a NULL,
/// a value of the wrong type is a NULL rather than an error, and an empty file or a run without a
/// file still has every column. The file lists are session variables, so each view's text stays
/// the same size however many runs there are.</summary>
internal static class RunViews
{
    /// <summary>Detections written beside a run's events, one JSON object per matched event.</summary>
    public const string DetectionsFileName = "detections.jsonl";

    /// <summary>The schema of the internal views the public ones are built on.</summary>
    public const string SourceSchema = "detektr_source";

    /// <summary>A manifest is one JSON document; allow large ones (many findings or blocked calls).</summary>
    private const int MaxManifestBytes = 256 << 20;

    /// <summary>The views users query, in the order they are documented.</summary>
    public static readonly IReadOnlyList<string> Names =
        ["runs", "events", "processes", "files", "network", "detections", "persistence", "blocked_syscalls"];

    private static readonly string EventStructure = Struct(
        ("RunId", Varchar), ("Sequence", BigInt), ("EventType", Varchar), ("UtcTime", Instant),
        ("Image", Varchar), ("CommandLine", Varchar), ("ParentImage", Varchar), ("ParentCommandLine", Varchar),
        ("CurrentDirectory", Varchar), ("User", Varchar), ("ProcessId", BigInt), ("ParentProcessId", BigInt),
        ("ExitCode", Integer), ("Signal", Varchar), ("Operation", Varchar), ("TargetFilename", Varchar),
        ("SourceFilename", Varchar), ("Outcome", Varchar), ("Mode", Varchar), ("Owner", Varchar),
        ("Initiated", Varchar), ("Protocol", Varchar), ("SourceIp", Varchar), ("SourcePort", Integer),
        ("DestinationIp", Varchar), ("DestinationPort", Integer), ("DestinationHostname", Varchar),
        ("QueryName", Varchar), ("QueryType", Varchar), ("QueryResults", Varchar), ("Method", Varchar),
        ("Host", Varchar), ("Path", Varchar), ("Headers", Json));

    private static readonly string ManifestStructure = Struct(
        ("RunId", Varchar), ("Tool", Varchar),
        ("Artifact", Struct(("HostPath", Varchar), ("SandboxPath", Varchar), ("Kind", Varchar), ("Description", Varchar),
            ("Sha256", Varchar), ("Size", BigInt))),
        ("Command", ListOf(Varchar)),
        ("Sandbox", Struct(("Network", Varchar), ("Hostname", Varchar), ("WorkingDirectory", Varchar),
            ("ReadOnlyPaths", ListOf(Varchar)), ("Seccomp", Struct(("AdditionalDenied", ListOf(Varchar)))))),
        ("Sensor", Struct(("Name", Varchar), ("Version", Varchar))),
        ("Host", Struct(("Kernel", Varchar))),
        ("StartedUtc", Instant), ("EndedUtc", Instant), ("SandboxMilliseconds", Double),
        ("Termination", Struct(("Reason", Varchar), ("ExitCode", Integer), ("Signal", Varchar), ("Detail", Varchar))),
        ("Counts", Struct(("Events", BigInt), ("ProcessesCreated", Integer), ("FileEvents", Integer), ("FilesWritten", Integer),
            ("FileChanges", Integer), ("NetworkConnections", Integer), ("DnsQueries", Integer), ("HttpRequests", Integer),
            ("NetworkRecords", Integer), ("PersistenceFindings", Integer), ("BlockedSyscalls", Integer))),
        ("Persistence", ListOf(Struct(("Technique", Varchar), ("Name", Varchar), ("Path", Varchar), ("Change", Varchar),
            ("Sha256", Varchar), ("Detail", Varchar), ("EventSequences", ListOf(BigInt))))),
        ("Resources", Struct(("PeakMemoryBytes", BigInt))),
        ("BlockedSyscalls", ListOf(Struct(("Syscall", Varchar), ("Image", Varchar), ("ProcessId", BigInt), ("Attempts", Integer),
            ("FirstUtc", Instant)))),
        ("Warnings", ListOf(Varchar)));

    private static readonly string ChangeStructure = Struct(
        ("Path", Varchar), ("Change", Varchar), ("Type", Varchar), ("Size", BigInt), ("Sha256", Varchar), ("ContentType", Varchar),
        ("Mode", Varchar), ("Uid", BigInt), ("Gid", BigInt), ("LinkTarget", Varchar), ("Copy", Varchar), ("CopySkipped", Varchar));

    private static readonly string SinkStructure = Struct(
        ("Time", Instant), ("Kind", Varchar), ("SourceIp", Varchar), ("SourcePort", Integer), ("DestinationIp", Varchar),
        ("DestinationPort", Integer), ("QueryName", Varchar), ("QueryType", Varchar), ("QueryId", Integer), ("Answers", ListOf(Varchar)),
        ("Method", Varchar), ("Path", Varchar), ("Host", Varchar), ("Headers", Json), ("ServerName", Varchar), ("Bytes", BigInt),
        ("Preview", Varchar));

    private static readonly string DetectionStructure = Struct(
        ("RunId", Varchar), ("RuleId", Varchar), ("Title", Varchar), ("Level", Varchar), ("Tags", ListOf(Varchar)), ("Sequence", BigInt));

    /// <summary>The statements that set the file lists and create every view, in order.</summary>
    public static IReadOnlyList<string> Statements(RunStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var statements = new List<string>
        {
            // Everything the views need is built in; never fetch an extension from the network.
            "SET autoinstall_known_extensions = false",
            "SET autoload_known_extensions = false",
            $"CREATE SCHEMA {SourceSchema}",
        };

        var manifests = Existing(store, ManifestJson.FileName);
        var events = Existing(store, EventsReader.FileName);
        var changes = Existing(store, ChangesLog.FileName);
        var sink = Existing(store, NetworkLog.FileName);
        var detections = Existing(store, RunViews.DetectionsFileName);
        foreach (var (name, files) in new[] { ("manifests", manifests), ("events", events), ("changes", changes), ("sink", sink), ("detections", detections) })
        {
            if (files.Count > 0)
            {
                statements.Add($"SET VARIABLE detektr_{name} = {ListLiteral(files)}");
            }
        }

        statements.Add($"""
            CREATE VIEW {SourceSchema}.manifests AS
            SELECT Directory, Json, {Parse(ManifestStructure)} AS m
            FROM ({Lines(ManifestJson.FileName, manifests.Count,
                $"read_json_objects(getvariable('detektr_manifests'), format = 'unstructured', filename = true, maximum_object_size = {MaxManifestBytes.ToString(CultureInfo.InvariantCulture)})")})
            """);
        // The files without a run id of their own (changes, sink records) are joined to their run by
        // directory; a small table, so that no query parses every manifest to find the ids.
        statements.Add($"CREATE TABLE {SourceSchema}.run_directories (Directory VARCHAR, RunId VARCHAR)");
        foreach (var chunk in store.RunDirectories.Chunk(500))
        {
            statements.Add($"INSERT INTO {SourceSchema}.run_directories VALUES " +
                           string.Join(", ", chunk.Select(d => $"({Literal(d)}, {Literal(RunIdOf(d))})")));
        }
        statements.Add($"""
            CREATE VIEW runs AS
            SELECT
                m.RunId AS RunId, Directory, m.Tool AS Tool,
                m.Artifact.HostPath AS ArtifactPath, m.Artifact.SandboxPath AS ArtifactSandboxPath,
                m.Artifact.Kind AS ArtifactType, m.Artifact.Description AS ArtifactDescription,
                m.Artifact.Sha256 AS ArtifactSha256, m.Artifact.Size AS ArtifactSize,
                array_to_string(m.Command, ' ') AS Command, m.Command AS CommandArguments,
                m.Sandbox.Network AS NetworkMode, m.Sandbox.Hostname AS Hostname,
                m.Sandbox.WorkingDirectory AS WorkingDirectory, m.Sandbox.ReadOnlyPaths AS ReadOnlyPaths,
                m.Sandbox.Seccomp.AdditionalDenied AS DeniedSyscalls,
                m.Sensor.Name AS Sensor, m.Host.Kernel AS Kernel,
                timezone('UTC', m.StartedUtc) AS StartedUtc, timezone('UTC', m.EndedUtc) AS EndedUtc,
                m.SandboxMilliseconds AS DurationMs,
                m.Termination.Reason AS Termination, m.Termination.ExitCode AS ExitCode,
                m.Termination.Signal AS Signal, m.Termination.Detail AS TerminationDetail,
                m.Counts.Events AS Events, m.Counts.ProcessesCreated AS ProcessesCreated,
                m.Counts.FileEvents AS FileEvents, m.Counts.FilesWritten AS FilesWritten,
                m.Counts.FileChanges AS FileChanges, m.Counts.NetworkConnections AS NetworkConnections,
                m.Counts.DnsQueries AS DnsQueries, m.Counts.HttpRequests AS HttpRequests,
                m.Counts.NetworkRecords AS NetworkRecords, m.Counts.PersistenceFindings AS PersistenceFindings,
                m.Counts.BlockedSyscalls AS BlockedSyscalls, m.Resources.PeakMemoryBytes AS PeakMemoryBytes,
                m.Warnings AS Warnings, Json AS Manifest
            FROM {SourceSchema}.manifests
            """);
        statements.Add($"""
            CREATE VIEW events AS
            SELECT
                e.RunId AS RunId, e.Sequence AS Sequence, e.EventType AS EventType, timezone('UTC', e.UtcTime) AS UtcTime,
                e.Image AS Image, e.CommandLine AS CommandLine, e.ParentImage AS ParentImage,
                e.ParentCommandLine AS ParentCommandLine, e.CurrentDirectory AS CurrentDirectory, e.User AS User,
                e.ProcessId AS ProcessId, e.ParentProcessId AS ParentProcessId, e.ExitCode AS ExitCode, e.Signal AS Signal,
                e.Operation AS Operation, e.TargetFilename AS TargetFilename, e.SourceFilename AS SourceFilename,
                e.Outcome AS Outcome, e.Mode AS Mode, e.Owner AS Owner, e.Initiated AS Initiated, e.Protocol AS Protocol,
                e.SourceIp AS SourceIp, e.SourcePort AS SourcePort, e.DestinationIp AS DestinationIp,
                e.DestinationPort AS DestinationPort, e.DestinationHostname AS DestinationHostname,
                e.QueryName AS QueryName, e.QueryType AS QueryType, e.QueryResults AS QueryResults,
                e.Method AS Method, e.Host AS Host, e.Path AS Path, e.Headers AS Headers,
                Json AS Event
            FROM (SELECT Json, {Parse(EventStructure)} AS e
                  FROM ({Lines(EventsReader.FileName, events.Count, "read_ndjson_objects(getvariable('detektr_events'), filename = true)")}))
            """);
        statements.Add("""
            CREATE VIEW processes AS
            WITH created AS (
                SELECT RunId, Sequence, UtcTime, ProcessId, ParentProcessId, Image, CommandLine, ParentImage,
                       ParentCommandLine, CurrentDirectory, User,
                       lead(Sequence) OVER (PARTITION BY RunId, ProcessId ORDER BY Sequence) AS NextExecSequence
                FROM events WHERE EventType = 'process_creation'),
            exited AS (
                SELECT RunId, ProcessId, Sequence, UtcTime, ExitCode, Signal FROM events WHERE EventType = 'process_exit'),
            joined AS (
                SELECT c.*, x.Sequence AS XSequence, x.UtcTime AS XTime, x.ExitCode AS XCode, x.Signal AS XSignal
                FROM created c ASOF LEFT JOIN exited x
                  ON c.RunId = x.RunId AND c.ProcessId = x.ProcessId AND c.Sequence <= x.Sequence)
            SELECT
                RunId, Sequence, UtcTime, ProcessId, ParentProcessId, Image, CommandLine, ParentImage,
                ParentCommandLine, CurrentDirectory, User,
                coalesce(NextExecSequence < XSequence, NextExecSequence IS NOT NULL) AS ReplacedByExec,
                CASE WHEN NextExecSequence IS NULL OR NextExecSequence > XSequence THEN XSequence END AS ExitSequence,
                CASE WHEN NextExecSequence IS NULL OR NextExecSequence > XSequence THEN XTime END AS ExitUtcTime,
                CASE WHEN NextExecSequence IS NULL OR NextExecSequence > XSequence THEN XCode END AS ExitCode,
                CASE WHEN NextExecSequence IS NULL OR NextExecSequence > XSequence THEN XSignal END AS Signal,
                CASE WHEN NextExecSequence IS NULL OR NextExecSequence > XSequence
                     THEN (epoch_us(XTime) - epoch_us(UtcTime)) / 1000.0 END AS DurationMs
            FROM joined
            """);
        statements.Add($"""
            CREATE VIEW {SourceSchema}.layer AS
            SELECT d.RunId AS RunId, s.Directory AS Directory, c.Path AS Path, c.Change AS Change, c.Type AS FileType,
                   c.Size AS Size, c.Sha256 AS Sha256, c.ContentType AS ContentType, c.Mode AS Mode, c.Uid AS Uid,
                   c.Gid AS Gid, c.LinkTarget AS LinkTarget, c.Copy AS Copy, c.CopySkipped AS CopySkipped
            FROM (SELECT Directory, {Parse(ChangeStructure)} AS c
                  FROM ({Lines(ChangesLog.FileName, changes.Count, "read_ndjson_objects(getvariable('detektr_changes'), filename = true)")})) s
            JOIN {SourceSchema}.run_directories d ON d.Directory = s.Directory
            """);
        statements.Add($"""
            CREATE VIEW files AS
            SELECT e.RunId AS RunId, 'event' AS Source, e.Sequence AS Sequence, e.UtcTime AS UtcTime,
                   e.Operation AS Operation, e.TargetFilename AS Path, e.SourceFilename AS SourceFilename,
                   e.Outcome AS Outcome, e.Image AS Image, e.ProcessId AS ProcessId, e.Mode AS Mode, e.Owner AS Owner,
                   l.Change AS Change, l.FileType AS FileType, l.Size AS Size, l.Sha256 AS Sha256,
                   l.ContentType AS ContentType, CAST(NULL AS BIGINT) AS Uid, CAST(NULL AS BIGINT) AS Gid,
                   CAST(NULL AS VARCHAR) AS LinkTarget, CAST(NULL AS VARCHAR) AS CopyPath, CAST(NULL AS VARCHAR) AS CopySkipped
            FROM events e LEFT JOIN {SourceSchema}.layer l ON l.RunId = e.RunId AND l.Path = e.TargetFilename
            WHERE e.EventType = 'file_event'
            UNION ALL
            SELECT RunId, 'layer', CAST(NULL AS BIGINT), CAST(NULL AS TIMESTAMP), CAST(NULL AS VARCHAR), Path,
                   CAST(NULL AS VARCHAR), CAST(NULL AS VARCHAR), CAST(NULL AS VARCHAR), CAST(NULL AS BIGINT), Mode,
                   CAST(NULL AS VARCHAR), Change, FileType, Size, Sha256, ContentType, Uid, Gid, LinkTarget,
                   CASE WHEN Copy IS NOT NULL THEN Directory || '/' || Copy END, CopySkipped
            FROM {SourceSchema}.layer
            """);
        statements.Add($"""
            CREATE VIEW network AS
            SELECT RunId, 'event' AS Source, EventType AS Kind, Sequence, UtcTime,
                   coalesce(Protocol, CASE WHEN EventType = 'http_request' THEN 'tcp' END) AS Protocol, SourceIp, SourcePort,
                   DestinationIp, DestinationPort, DestinationHostname, Outcome, QueryName, QueryType,
                   CAST(NULL AS INTEGER) AS QueryId, QueryResults, Method, Host, Path, Headers,
                   CAST(NULL AS VARCHAR) AS ServerName, CAST(NULL AS BIGINT) AS Bytes, CAST(NULL AS VARCHAR) AS Preview,
                   Image, ProcessId
            FROM events WHERE EventType IN ('network_connection', 'dns_query', 'http_request')
            UNION ALL
            SELECT d.RunId, 'sink', n.Kind, CAST(NULL AS BIGINT), timezone('UTC', n.Time),
                   CASE WHEN n.Kind IN ('dns', 'udp') THEN 'udp' ELSE 'tcp' END, n.SourceIp, n.SourcePort,
                   n.DestinationIp, n.DestinationPort, CAST(NULL AS VARCHAR), CAST(NULL AS VARCHAR), n.QueryName, n.QueryType,
                   n.QueryId, CASE WHEN len(n.Answers) > 0 THEN array_to_string(n.Answers, ';') END, n.Method, n.Host, n.Path,
                   n.Headers, n.ServerName, n.Bytes, n.Preview, CAST(NULL AS VARCHAR), CAST(NULL AS BIGINT)
            FROM (SELECT Directory, {Parse(SinkStructure)} AS n
                  FROM ({Lines(NetworkLog.FileName, sink.Count, "read_ndjson_objects(getvariable('detektr_sink'), filename = true)")})) s
            JOIN {SourceSchema}.run_directories d ON d.Directory = s.Directory
            """);
        statements.Add($"""
            CREATE VIEW detections AS
            SELECT coalesce(x.RunId, d.RunId) AS RunId, x.RuleId AS RuleId, x.Title AS Title, x.Level AS Level,
                   x.Tags AS Tags, x.Sequence AS Sequence
            FROM (SELECT Directory, {Parse(DetectionStructure)} AS x
                  FROM ({Lines(RunViews.DetectionsFileName, detections.Count, "read_ndjson_objects(getvariable('detektr_detections'), filename = true)")})) s
            LEFT JOIN {SourceSchema}.run_directories d ON d.Directory = s.Directory
            """);
        statements.Add($"""
            CREATE VIEW persistence AS
            SELECT RunId, p.Technique AS Technique, p.Name AS Name, p.Path AS Path, p.Change AS Change,
                   p.Sha256 AS Sha256, p.Detail AS Detail, p.EventSequences AS EventSequences
            FROM (SELECT m.RunId AS RunId, unnest(m.Persistence) AS p FROM {SourceSchema}.manifests)
            """);
        statements.Add($"""
            CREATE VIEW blocked_syscalls AS
            SELECT RunId, b.Syscall AS Syscall, b.Image AS Image, b.ProcessId AS ProcessId, b.Attempts AS Attempts,
                   timezone('UTC', b.FirstUtc) AS FirstUtc
            FROM (SELECT m.RunId AS RunId, unnest(m.BlockedSyscalls) AS b FROM {SourceSchema}.manifests)
            """);
        return statements;
    }

    private const string Varchar = "\"VARCHAR\"";
    private const string BigInt = "\"BIGINT\"";
    private const string Integer = "\"INTEGER\"";
    private const string Double = "\"DOUBLE\"";
    private const string Json = "\"JSON\"";

    /// <summary>Times are read with their offset (the manifest writes <c>+00:00</c>, events <c>Z</c>) and
    /// shown as UTC timestamps.</summary>
    private const string Instant = "\"TIMESTAMPTZ\"";

    /// <summary>A <c>json_transform</c> structure: field names to types (themselves structures).</summary>
    private static string Struct(params (string Name, string Type)[] fields) =>
        "{" + string.Join(",", fields.Select(f => $"\"{f.Name}\":{f.Type}")) + "}";

    private static string ListOf(string type) => $"[{type}]";

    /// <summary>Parses each line once into a struct of the given types. The optimizer would otherwise
    /// copy the parse into every filter and projection that reads a field (a filter on three event
    /// types parsed each line four times); a volatile condition keeps the parse where it is.</summary>
    private static string Parse(string structure) => $"CASE WHEN random() >= 0 THEN json_transform(Json, '{structure}') END";

    /// <summary>The lines of one kind of run file as (Directory, Json), or an empty relation of the same
    /// shape when no run has such a file (DuckDB's readers refuse an empty file list).</summary>
    private static string Lines(string fileName, int fileCount, string reader)
    {
        if (fileCount == 0)
        {
            return "SELECT CAST(NULL AS VARCHAR) AS Directory, CAST(NULL AS JSON) AS Json WHERE false";
        }

        var suffix = (fileName.Length + 1).ToString(CultureInfo.InvariantCulture);
        return $"SELECT left(filename, length(filename) - {suffix}) AS Directory, json AS Json FROM {reader}";
    }

    private static List<string> Existing(RunStore store, string fileName) =>
        store.RunDirectories.Select(d => Path.Combine(d, fileName)).Where(File.Exists).ToList();

    private static string ListLiteral(List<string> values) => "[" + string.Join(", ", values.Select(Literal)) + "]";

    private static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>The <c>RunId</c> of a run's manifest, read up to that property only (it comes second, so
    /// the first kilobytes are enough); the directory name when the manifest has none or cannot be
    /// read (the <c>runs</c> view then reports the problem).</summary>
    private static string RunIdOf(string runDirectory)
    {
        const int Prefix = 4096;
        try
        {
            using var stream = File.OpenRead(Path.Combine(runDirectory, ManifestJson.FileName));
            var buffer = new byte[Prefix];
            var read = stream.ReadAtLeast(buffer, Prefix, throwOnEndOfStream: false);
            if (FindRunId(buffer.AsSpan(0, read), isFinalBlock: read < Prefix) is { } id)
            {
                return id;
            }

            if (read == Prefix)
            {
                using var rest = new MemoryStream();
                rest.Write(buffer);
                stream.CopyTo(rest);
                return FindRunId(rest.ToArray(), isFinalBlock: true) ?? Path.GetFileName(runDirectory);
            }
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            // Fall through to the directory name.
        }

        return Path.GetFileName(runDirectory);
    }

    private static string? FindRunId(ReadOnlySpan<byte> json, bool isFinalBlock)
    {
        var reader = new Utf8JsonReader(json, isFinalBlock, default);
        while (reader.Read())
        {
            if (reader.CurrentDepth == 1 && reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("RunId"u8))
            {
                return reader.Read() && reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
        }

        return null;
    }
}
