namespace Detektr.Network;

/// <summary>One observation of the sink, as a line of <c>network.jsonl</c>. <see cref="Kind"/> says which
/// optional members are set: <c>dns</c> (query and answers), <c>tcp</c> (a connection: bytes and a
/// preview), <c>http</c> (a request), <c>tls</c> (a ClientHello's server name), <c>udp</c> (a datagram).</summary>
public sealed record NetworkRecord
{
    /// <summary>When the sink received it.</summary>
    public required DateTimeOffset Time { get; init; }

    /// <summary><c>dns</c>, <c>tcp</c>, <c>http</c>, <c>tls</c> or <c>udp</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>The sandbox's address.</summary>
    public required string SourceIp { get; init; }

    /// <summary>The sandbox's port.</summary>
    public required int SourcePort { get; init; }

    /// <summary>The address the sandbox sent to (the original destination before redirection).</summary>
    public required string DestinationIp { get; init; }

    /// <summary>The port the sandbox sent to.</summary>
    public required int DestinationPort { get; init; }

    /// <summary>dns: the name asked for.</summary>
    public string? QueryName { get; init; }

    /// <summary>dns: the record type asked for.</summary>
    public string? QueryType { get; init; }

    /// <summary>dns: the transaction id.</summary>
    public int? QueryId { get; init; }

    /// <summary>dns: the addresses answered.</summary>
    public IReadOnlyList<string>? Answers { get; init; }

    /// <summary>http: the method.</summary>
    public string? Method { get; init; }

    /// <summary>http: the request target.</summary>
    public string? Path { get; init; }

    /// <summary>http: the Host header, or the destination when absent.</summary>
    public string? Host { get; init; }

    /// <summary>http: the headers.</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <summary>tls: the server name of the ClientHello.</summary>
    public string? ServerName { get; init; }

    /// <summary>tcp and udp: bytes received; http: body bytes received.</summary>
    public long? Bytes { get; init; }

    /// <summary>tcp and udp: the first bytes received, base64-encoded (at most 256).</summary>
    public string? Preview { get; init; }
}
