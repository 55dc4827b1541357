using System.Globalization;
using Detektr.Runs;

namespace Detektr.Events;

/// <summary>One normalized telemetry event of a run, as written to <c>events.jsonl</c>. Field names follow
/// Sigma's Linux taxonomy so that rules apply to <see cref="GetFields"/> directly.</summary>
public abstract record DetektrEvent
{
    /// <summary>The run the event belongs to.</summary>
    public required RunId RunId { get; init; }

    /// <summary>Position in the run, monotonic from 1.</summary>
    public EventSequence Sequence { get; init; }

    /// <summary>When the event happened (UTC, microsecond precision from the sensor).</summary>
    public required DateTimeOffset UtcTime { get; init; }

    /// <summary>The kind of event.</summary>
    public abstract EventType EventType { get; }

    /// <summary>Fields found on the wire that this model does not name; kept so that reading and
    /// rewriting a file loses nothing.</summary>
    public IReadOnlyDictionary<string, object?> AdditionalFields { get; init; } =
        new Dictionary<string, object?>(StringComparer.Ordinal);

    /// <summary>Every field in wire order: RunId, Sequence, EventType, UtcTime, the type's own fields,
    /// then <see cref="AdditionalFields"/>. Absent values are left out. Values are <see cref="string"/>,
    /// <see cref="long"/> or, for HTTP headers, a read-only string dictionary.</summary>
    public IReadOnlyList<KeyValuePair<string, object?>> GetFields()
    {
        var fields = new EventFieldList
        {
            { "RunId", RunId.Value },
            { "Sequence", Sequence.Value },
            { "EventType", EventType.ToWireName() },
            { "UtcTime", FormatTime(UtcTime) },
        };
        AddFields(fields);
        foreach (var (name, value) in AdditionalFields)
        {
            fields.Add(name, value);
        }

        return fields.Items;
    }

    /// <summary>Looks a field up by its exact (case-sensitive) name.</summary>
    public bool TryGetField(string name, out object? value)
    {
        foreach (var (fieldName, fieldValue) in GetFields())
        {
            if (string.Equals(fieldName, name, StringComparison.Ordinal))
            {
                value = fieldValue;
                return true;
            }
        }

        value = null;
        return false;
    }

    /// <summary>Adds the fields specific to the event type, in wire order.</summary>
    protected abstract void AddFields(EventFieldList fields);

    /// <summary>Formats a time the way <c>events.jsonl</c> carries it: ISO 8601 UTC with microseconds.</summary>
    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
