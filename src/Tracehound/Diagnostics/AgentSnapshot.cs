namespace Tracehound;

/// <summary>A point-in-time view of an agent, for dashboards, health checks and the CLI.</summary>
/// <param name="Time">When it was taken.</param>
/// <param name="Intercepts">Intercepts by status since start.</param>
/// <param name="InterceptsPerSecond">Throughput over the last maintenance interval.</param>
/// <param name="Quarantine">Quarantine contents.</param>
/// <param name="RateLimit">Rate limiter state.</param>
/// <param name="FailSafeLevel">The fail-safe level.</param>
/// <param name="ErrorsLastMinute">Errors in the last minute.</param>
/// <param name="Evictions">Evidence evicted since start, by reason.</param>
/// <param name="Notifications">Notification delivery.</param>
/// <param name="Compression">The background compression lane.</param>
/// <param name="RecentErrors">The latest errors, oldest first.</param>
public sealed record AgentSnapshot(
    DateTimeOffset Time,
    InterceptCounts Intercepts,
    double InterceptsPerSecond,
    QuarantineSnapshot Quarantine,
    RateLimitSnapshot RateLimit,
    FailSafeLevel FailSafeLevel,
    int ErrorsLastMinute,
    EvictionCounts Evictions,
    NotificationSnapshot Notifications,
    CompressionSnapshot Compression,
    IReadOnlyList<InterceptErrorRecord> RecentErrors);

/// <summary>Quarantine contents.</summary>
/// <param name="Count">Pieces of evidence held.</param>
/// <param name="Bytes">Bytes held.</param>
/// <param name="MaxItems">The item limit.</param>
/// <param name="MaxBytes">The byte limit.</param>
/// <param name="BySeverity">Count and bytes per severity, Low to Critical.</param>
public sealed record QuarantineSnapshot(int Count, long Bytes, int MaxItems, long MaxBytes, IReadOnlyList<SeverityBucket> BySeverity)
{
    /// <summary>The higher of the item and byte fill ratios.</summary>
    public double FillRatio => Math.Max((double)Count / MaxItems, (double)Bytes / MaxBytes);
}

/// <summary>Count and bytes of one severity.</summary>
/// <param name="Severity">The severity.</param>
/// <param name="Count">Pieces of evidence.</param>
/// <param name="Bytes">Bytes.</param>
public sealed record SeverityBucket(Severity Severity, int Count, long Bytes);

/// <summary>Rate limiter state; the counts are those of the built-in limiter (zero for a plugged-in one).</summary>
/// <param name="Limited">Requests answered RateLimited.</param>
/// <param name="TrackedSources">Sources tracked now.</param>
/// <param name="BlockedSources">Sources blocked now.</param>
/// <param name="Blocks">Times a source became blocked.</param>
/// <param name="UntrackedRequests">Requests let through untracked because the source cap was reached.</param>
public sealed record RateLimitSnapshot(long Limited, int TrackedSources, int BlockedSources, long Blocks, long UntrackedRequests);

/// <summary>Evictions by reason.</summary>
/// <param name="ItemLimit">To respect the item limit.</param>
/// <param name="ByteLimit">To respect the byte limit.</param>
/// <param name="Expired">By time to live.</param>
public sealed record EvictionCounts(long ItemLimit, long ByteLimit, long Expired)
{
    /// <summary>All evictions.</summary>
    public long Total => ItemLimit + ByteLimit + Expired;
}

/// <summary>Notification delivery.</summary>
/// <param name="Published">Events published.</param>
/// <param name="Dropped">Events dropped for full subscriber queues.</param>
/// <param name="HandlerFaults">Exceptions thrown by handlers.</param>
/// <param name="AlertsRaised">Alerts delivered.</param>
/// <param name="AlertsSuppressed">Alerts suppressed by the alert rate limit.</param>
public sealed record NotificationSnapshot(long Published, long Dropped, long HandlerFaults, long AlertsRaised, long AlertsSuppressed);

/// <summary>The background compression lane.</summary>
/// <param name="Compressed">Evidence compressed.</param>
/// <param name="Skipped">Evidence left uncompressed because the lane's queue was full.</param>
/// <param name="BytesSaved">Bytes released by compression.</param>
/// <param name="Backlog">Evidence waiting.</param>
public sealed record CompressionSnapshot(long Compressed, long Skipped, long BytesSaved, int Backlog);
