using Tracehound.AspNetCore.Admin;

namespace Tracehound.AspNetCore;

/// <summary>
/// The latest alerts, evictions and fail-safe changes, for the admin stats (what <c>tracehound watch</c>
/// shows). Fed from the agent's notification lane, never from the request path.
/// </summary>
internal sealed class RecentEvents
{
    /// <summary>How many events are kept.</summary>
    public const int Capacity = 64;

    private readonly Lock _gate = new();
    private readonly RecentEventDocument[] _ring = new RecentEventDocument[Capacity];
    private long _written;

    public void Add(TracehoundEvent e)
    {
        var document = e switch
        {
            Alert alert => new RecentEventDocument(alert.Time, alert.Kind, alert.Code, TracehoundMetrics.SeverityName(alert.Severity), alert.Signature?.ToString(), alert.Message),
            EvidenceEvicted evicted => new RecentEventDocument(
                evicted.Time,
                evicted.Kind,
                Reason(evicted.Reason),
                TracehoundMetrics.SeverityName(evicted.Evidence.Severity),
                evicted.Evidence.Signature.ToString(),
                $"{evicted.Evidence.Severity} evidence evicted ({Reason(evicted.Reason)})."),
            FailSafeLevelChanged changed => new RecentEventDocument(
                changed.Time,
                changed.Kind,
                TracehoundHealthCheck.LevelName(changed.Current),
                null,
                null,
                $"Fail-safe level {TracehoundHealthCheck.LevelName(changed.Previous)} -> {TracehoundHealthCheck.LevelName(changed.Current)} ({changed.Reason})."),
            _ => null,
        };

        if (document is null)
        {
            return;
        }

        lock (_gate)
        {
            _ring[(int)(_written++ % Capacity)] = document;
        }
    }

    /// <summary>The kept events, oldest first.</summary>
    public IReadOnlyList<RecentEventDocument> ToList()
    {
        lock (_gate)
        {
            var count = (int)Math.Min(_written, Capacity);
            var list = new List<RecentEventDocument>(count);
            for (var i = 0; i < count; i++)
            {
                list.Add(_ring[(int)((_written - count + i) % Capacity)]);
            }

            return list;
        }
    }

    private static string Reason(EvictionReason reason) => reason switch
    {
        EvictionReason.ItemLimit => "item_limit",
        EvictionReason.ByteLimit => "byte_limit",
        _ => "expired",
    };
}
