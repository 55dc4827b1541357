namespace Detektr.Events;

/// <summary>An HTTP request the sinkhole received (<c>http_request</c>).</summary>
public sealed record HttpRequestEvent : DetektrEvent
{
    /// <inheritdoc />
    public override EventType EventType => EventType.HttpRequest;

    /// <summary>The request method (<c>GET</c>, <c>POST</c>...).</summary>
    public required string Method { get; init; }

    /// <summary>The Host header, or the destination address and port when the request had none.</summary>
    public required string Host { get; init; }

    /// <summary>The request target as sent (path and query).</summary>
    public required string Path { get; init; }

    /// <summary>Request headers by name as sent; repeated headers are joined with ", ".</summary>
    public required IReadOnlyDictionary<string, string> Headers { get; init; }

    /// <summary>Address of the sandbox side of the connection.</summary>
    public string? SourceIp { get; init; }

    /// <summary>Port of the sandbox side of the connection.</summary>
    public long? SourcePort { get; init; }

    /// <summary>Address the sandbox connected to.</summary>
    public string? DestinationIp { get; init; }

    /// <summary>Port the sandbox connected to.</summary>
    public long? DestinationPort { get; init; }

    /// <summary>Image of the process whose connection carried the request, when known.</summary>
    public string? Image { get; init; }

    /// <summary>Process id of that process, when known.</summary>
    public long? ProcessId { get; init; }

    /// <inheritdoc />
    protected override void AddFields(EventFieldList fields)
    {
        fields.Add(nameof(Method), Method);
        fields.Add(nameof(Host), Host);
        fields.Add(nameof(Path), Path);
        fields.Add(nameof(Headers), Headers);
        fields.Add(nameof(SourceIp), SourceIp);
        fields.Add(nameof(SourcePort), SourcePort);
        fields.Add(nameof(DestinationIp), DestinationIp);
        fields.Add(nameof(DestinationPort), DestinationPort);
        fields.Add(nameof(Image), Image);
        fields.Add(nameof(ProcessId), ProcessId);
    }
}
