namespace Detektr.Events;

/// <summary>One DNS question sent by the sandbox (<c>dns_query</c>).</summary>
public sealed record DnsQueryEvent : DetektrEvent
{
    /// <inheritdoc />
    public override EventType EventType => EventType.DnsQuery;

    /// <summary>The name asked for, without the trailing dot.</summary>
    public required string QueryName { get; init; }

    /// <summary>The record type asked for (<c>A</c>, <c>AAAA</c>, <c>TXT</c>... or <c>TYPE65</c>).</summary>
    public string? QueryType { get; init; }

    /// <summary>The answers separated by ';' (the sinkhole answers A with its own address), or absent
    /// when no answer came back (network mode none).</summary>
    public string? QueryResults { get; init; }

    /// <summary>Image of the asking process, when the sensor saw the query leave.</summary>
    public string? Image { get; init; }

    /// <summary>Process id of the asking process, when the sensor saw the query leave.</summary>
    public long? ProcessId { get; init; }

    /// <inheritdoc />
    protected override void AddFields(EventFieldList fields)
    {
        fields.Add(nameof(QueryName), QueryName);
        fields.Add(nameof(QueryType), QueryType);
        fields.Add(nameof(QueryResults), QueryResults);
        fields.Add(nameof(Image), Image);
        fields.Add(nameof(ProcessId), ProcessId);
    }
}
