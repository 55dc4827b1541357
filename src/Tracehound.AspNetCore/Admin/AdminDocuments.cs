using System.Text.Json.Serialization;

namespace Tracehound.AspNetCore.Admin;

// The JSON shapes of the admin endpoints. Every document names its schema and version in "schema"; a
// change that removes or retypes a field gets a new version, added fields do not. Property names are
// snake_case; times are ISO 8601 UTC; severities, levels and states are lower-case strings.

/// <summary><c>GET {prefix}/status</c>: is it up, how full, how fast. Schema <c>tracehound.status/v1</c>.</summary>
/// <param name="Schema">Always <see cref="AdminSchemas.Status"/>.</param>
/// <param name="Time">When it was taken.</param>
/// <param name="Version">The Tracehound.AspNetCore version.</param>
/// <param name="StartedAt">When the agent started.</param>
/// <param name="UptimeSeconds">Seconds since then.</param>
/// <param name="Health">healthy, degraded or unhealthy (as the health check reports).</param>
/// <param name="FailSafeLevel">normal, warning, critical or emergency.</param>
/// <param name="InterceptsPerSecond">Throughput over the last maintenance interval.</param>
/// <param name="InterceptsTotal">Intercepts since start.</param>
/// <param name="Quarantine">Fill of the quarantine.</param>
/// <param name="Ledger">The durable ledger, when one is configured.</param>
public sealed record StatusDocument(
    string Schema,
    DateTimeOffset Time,
    string Version,
    DateTimeOffset StartedAt,
    double UptimeSeconds,
    string Health,
    string FailSafeLevel,
    double InterceptsPerSecond,
    long InterceptsTotal,
    QuarantineFillDocument Quarantine,
    LedgerSummaryDocument Ledger);

/// <summary>How full the quarantine is.</summary>
/// <param name="Count">Evidence held.</param>
/// <param name="Bytes">Bytes held.</param>
/// <param name="MaxItems">The item limit.</param>
/// <param name="MaxBytes">The byte limit.</param>
/// <param name="FillRatio">The higher of the two fill ratios, 0 to 1.</param>
public sealed record QuarantineFillDocument(int Count, long Bytes, int MaxItems, long MaxBytes, double FillRatio);

/// <summary>The ledger's state in status documents.</summary>
/// <param name="Configured">False when Tracehound keeps everything in memory (no data directory).</param>
/// <param name="Size">Leaves in the ledger, when configured.</param>
/// <param name="CheckpointSize">The tree size of the latest signed checkpoint, when there is one.</param>
/// <param name="Backlog">Records waiting to be written.</param>
/// <param name="Healthy">False when the storage reported a failure.</param>
public sealed record LedgerSummaryDocument(bool Configured, long? Size, long? CheckpointSize, long? Backlog, bool Healthy);

/// <summary><c>GET {prefix}/stats</c>: every counter. Schema <c>tracehound.stats/v1</c>.</summary>
/// <param name="Schema">Always <see cref="AdminSchemas.Stats"/>.</param>
/// <param name="Time">When it was taken.</param>
/// <param name="Intercepts">Intercepts by status since start.</param>
/// <param name="InterceptsPerSecond">Throughput over the last maintenance interval.</param>
/// <param name="Quarantine">Quarantine contents by severity.</param>
/// <param name="RateLimit">Rate limiter state.</param>
/// <param name="FailSafeLevel">normal, warning, critical or emergency.</param>
/// <param name="ErrorsLastMinute">Intercept errors in the last minute.</param>
/// <param name="Evictions">Evictions by reason.</param>
/// <param name="Notifications">Notification delivery.</param>
/// <param name="Compression">The background compression lane.</param>
/// <param name="RecentErrors">The latest intercept errors, oldest first.</param>
/// <param name="Http">The ASP.NET Core integration's own counters.</param>
/// <param name="Ledger">The durable ledger, when one is configured.</param>
/// <param name="RecentEvents">The latest alerts, evictions and fail-safe changes (at most 64), oldest first.</param>
public sealed record StatsDocument(
    string Schema,
    DateTimeOffset Time,
    InterceptCountsDocument Intercepts,
    double InterceptsPerSecond,
    QuarantineStatsDocument Quarantine,
    RateLimitDocument RateLimit,
    string FailSafeLevel,
    int ErrorsLastMinute,
    EvictionsDocument Evictions,
    NotificationsDocument Notifications,
    CompressionDocument Compression,
    IReadOnlyList<RecentErrorDocument> RecentErrors,
    HttpCountersDocument Http,
    LedgerSummaryDocument Ledger,
    IReadOnlyList<RecentEventDocument> RecentEvents);

/// <summary>One recent alert, eviction or fail-safe change.</summary>
/// <param name="Time">When.</param>
/// <param name="Kind">alert, evicted or fail_safe_level_changed.</param>
/// <param name="Code">The alert code, the eviction reason (item_limit, byte_limit, expired) or the new level.</param>
/// <param name="Severity">The alert's or the evicted evidence's severity; null for level changes.</param>
/// <param name="Signature">The evidence concerned, if any.</param>
/// <param name="Message">What happened (never a payload).</param>
public sealed record RecentEventDocument(DateTimeOffset Time, string Kind, string Code, string? Severity, string? Signature, string Message);

/// <summary>Intercepts by status.</summary>
/// <param name="Clean">Clean.</param>
/// <param name="RateLimited">Rate-limited.</param>
/// <param name="PayloadTooLarge">Over the payload limit.</param>
/// <param name="Ignored">Known threats again.</param>
/// <param name="Quarantined">Newly quarantined.</param>
/// <param name="Error">Failed open.</param>
/// <param name="Total">All of them.</param>
public sealed record InterceptCountsDocument(long Clean, long RateLimited, long PayloadTooLarge, long Ignored, long Quarantined, long Error, long Total);

/// <summary>Quarantine contents.</summary>
/// <param name="Count">Evidence held.</param>
/// <param name="Bytes">Bytes held.</param>
/// <param name="MaxItems">The item limit.</param>
/// <param name="MaxBytes">The byte limit.</param>
/// <param name="FillRatio">The higher fill ratio.</param>
/// <param name="BySeverity">Count and bytes for low, medium, high and critical, in that order.</param>
public sealed record QuarantineStatsDocument(int Count, long Bytes, int MaxItems, long MaxBytes, double FillRatio, IReadOnlyList<SeverityBucketDocument> BySeverity);

/// <summary>One severity's share of the quarantine.</summary>
/// <param name="Severity">low, medium, high or critical.</param>
/// <param name="Count">Evidence held.</param>
/// <param name="Bytes">Bytes held.</param>
public sealed record SeverityBucketDocument(string Severity, int Count, long Bytes);

/// <summary>Rate limiter state.</summary>
/// <param name="Limited">Requests answered rate-limited.</param>
/// <param name="TrackedSources">Sources tracked now.</param>
/// <param name="BlockedSources">Sources blocked now.</param>
/// <param name="Blocks">Times a source became blocked.</param>
/// <param name="UntrackedRequests">Requests let through untracked past the source cap.</param>
public sealed record RateLimitDocument(long Limited, int TrackedSources, int BlockedSources, long Blocks, long UntrackedRequests);

/// <summary>Evictions by reason.</summary>
/// <param name="ItemLimit">For the item limit.</param>
/// <param name="ByteLimit">For the byte limit.</param>
/// <param name="Expired">By time to live.</param>
/// <param name="Total">All of them.</param>
public sealed record EvictionsDocument(long ItemLimit, long ByteLimit, long Expired, long Total);

/// <summary>Notification delivery.</summary>
/// <param name="Published">Events published.</param>
/// <param name="Dropped">Events dropped for full subscriber queues.</param>
/// <param name="HandlerFaults">Handler exceptions.</param>
/// <param name="AlertsRaised">Alerts delivered.</param>
/// <param name="AlertsSuppressed">Alerts suppressed by the alert rate limit.</param>
public sealed record NotificationsDocument(long Published, long Dropped, long HandlerFaults, long AlertsRaised, long AlertsSuppressed);

/// <summary>The compression lane.</summary>
/// <param name="Compressed">Evidence compressed.</param>
/// <param name="Skipped">Evidence left uncompressed (queue full).</param>
/// <param name="BytesSaved">Bytes released.</param>
/// <param name="Backlog">Evidence waiting.</param>
public sealed record CompressionDocument(long Compressed, long Skipped, long BytesSaved, int Backlog);

/// <summary>One recent intercept error.</summary>
/// <param name="Time">When.</param>
/// <param name="Code">The error code.</param>
/// <param name="Message">The message (never a payload).</param>
public sealed record RecentErrorDocument(DateTimeOffset Time, string Code, string Message);

/// <summary>The integration's counters (see <see cref="TracehoundCountersSnapshot"/>).</summary>
/// <param name="SpoofedSignals">Signal headers ignored as spoof attempts, by reason.</param>
/// <param name="MalformedSignals">Unreadable signal headers from trusted proxies.</param>
/// <param name="AcceptedSignals">Upstream signals believed.</param>
/// <param name="DetectorSignals">Signals from registered detectors.</param>
/// <param name="DetectorTimeouts">Asynchronous detectors abandoned at their budget.</param>
/// <param name="DetectorFaults">Detectors that threw.</param>
/// <param name="LateFlags">Requests flagged by the application after the fact.</param>
/// <param name="LateFlagsAfterResponseStarted">Of those, after the response had started.</param>
/// <param name="FailOpen">Requests let through on an Error result.</param>
/// <param name="AdminDenied">Admin requests refused.</param>
/// <param name="PayloadReveals">Payloads revealed.</param>
public sealed record HttpCountersDocument(
    SpoofedSignalsDocument SpoofedSignals,
    long MalformedSignals,
    long AcceptedSignals,
    long DetectorSignals,
    long DetectorTimeouts,
    long DetectorFaults,
    long LateFlags,
    long LateFlagsAfterResponseStarted,
    long FailOpen,
    long AdminDenied,
    long PayloadReveals);

/// <summary>Spoof attempts by reason.</summary>
/// <param name="UntrustedSource">From a peer that is not a trusted proxy.</param>
/// <param name="InvalidMac">From a trusted proxy with a missing or wrong MAC.</param>
/// <param name="Total">Both.</param>
public sealed record SpoofedSignalsDocument(long UntrustedSource, long InvalidMac, long Total);

/// <summary><c>GET {prefix}/evidence</c>: evidence metadata, oldest first. Schema <c>tracehound.evidence-list/v1</c>.</summary>
/// <param name="Schema">Always <see cref="AdminSchemas.EvidenceList"/>.</param>
/// <param name="Time">When it was taken.</param>
/// <param name="Total">Evidence matching the filter.</param>
/// <param name="Offset">Items skipped.</param>
/// <param name="Limit">The most items returned.</param>
/// <param name="Items">The page.</param>
public sealed record EvidenceListDocument(string Schema, DateTimeOffset Time, int Total, int Offset, int Limit, IReadOnlyList<EvidenceDocument> Items);

/// <summary>
/// One piece of evidence, metadata only (<c>GET {prefix}/evidence/{signature}</c> returns it alone with schema
/// <c>tracehound.evidence/v1</c>; in lists <c>schema</c> is the same).
/// </summary>
/// <param name="Schema">Always <see cref="AdminSchemas.Evidence"/>.</param>
/// <param name="Signature">category:sha256hex.</param>
/// <param name="Category">The threat category.</param>
/// <param name="Hash">SHA-256 of the canonical payload, hex.</param>
/// <param name="Severity">low, medium, high or critical.</param>
/// <param name="Detector">Who flagged it.</param>
/// <param name="RuleId">The detector's rule, if given.</param>
/// <param name="Source">The client address it came from.</param>
/// <param name="ScentId">The request's trace id.</param>
/// <param name="CapturedAt">When it was quarantined.</param>
/// <param name="Size">The canonical payload size in bytes.</param>
/// <param name="StoredSize">Bytes held now (compressed or not).</param>
/// <param name="Codec">none or brotli.</param>
/// <param name="State">quarantined, neutralized, evacuated, evicted or purged.</param>
/// <param name="Sequence">The quarantine's insertion number.</param>
public sealed record EvidenceDocument(
    string Schema,
    string Signature,
    string Category,
    string Hash,
    string Severity,
    string Detector,
    string? RuleId,
    string Source,
    string ScentId,
    DateTimeOffset CapturedAt,
    int Size,
    int StoredSize,
    string Codec,
    string State,
    long Sequence);

/// <summary>
/// <c>POST {prefix}/evidence/{signature}/reveal</c>: the canonical payload. Schema <c>tracehound.reveal/v1</c>.
/// For requests captured by the middleware the payload is the JSON object described in docs/aspnetcore.md.
/// </summary>
/// <param name="Schema">Always <see cref="AdminSchemas.Reveal"/>.</param>
/// <param name="Signature">The evidence.</param>
/// <param name="Size">Payload bytes.</param>
/// <param name="PayloadBase64">The canonical payload bytes, base64.</param>
/// <param name="RevealedAt">When.</param>
/// <param name="Actor">Who asked (token fingerprint), as audited.</param>
public sealed record RevealDocument(string Schema, string Signature, int Size, string PayloadBase64, DateTimeOffset RevealedAt, string Actor);

/// <summary><c>GET {prefix}/ledger/checkpoint</c>: the latest signed checkpoint. Schema <c>tracehound.checkpoint/v1</c>.</summary>
/// <param name="Schema">Always <see cref="AdminSchemas.Checkpoint"/>.</param>
/// <param name="Origin">The checkpoint origin line.</param>
/// <param name="Size">The tree size.</param>
/// <param name="RootHash">The root hash, lower-case hex.</param>
/// <param name="SignedNote">The C2SP signed note, verbatim.</param>
public sealed record CheckpointDocument(string Schema, string Origin, long Size, string RootHash, string SignedNote);

/// <summary>The schema names of the admin documents.</summary>
public static class AdminSchemas
{
    /// <summary>Status.</summary>
    public const string Status = "tracehound.status/v1";

    /// <summary>Stats.</summary>
    public const string Stats = "tracehound.stats/v1";

    /// <summary>Evidence list.</summary>
    public const string EvidenceList = "tracehound.evidence-list/v1";

    /// <summary>One piece of evidence.</summary>
    public const string Evidence = "tracehound.evidence/v1";

    /// <summary>Revealed payload.</summary>
    public const string Reveal = "tracehound.reveal/v1";

    /// <summary>Signed checkpoint.</summary>
    public const string Checkpoint = "tracehound.checkpoint/v1";
}

/// <summary>Source-generated JSON metadata for the admin documents (snake_case), for the server and for clients.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = false)]
[JsonSerializable(typeof(StatusDocument))]
[JsonSerializable(typeof(StatsDocument))]
[JsonSerializable(typeof(EvidenceListDocument))]
[JsonSerializable(typeof(EvidenceDocument))]
[JsonSerializable(typeof(RevealDocument))]
[JsonSerializable(typeof(CheckpointDocument))]
public sealed partial class AdminJsonContext : JsonSerializerContext;
