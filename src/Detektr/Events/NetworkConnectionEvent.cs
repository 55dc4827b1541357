namespace Detektr.Events;

/// <summary>An outgoing connection attempt, or the first datagram to a destination
/// (<c>network_connection</c>).</summary>
public sealed record NetworkConnectionEvent : DetektrEvent
{
    /// <inheritdoc />
    public override EventType EventType => EventType.NetworkConnection;

    /// <summary>True for connections the sandbox initiated. On the wire this is the string
    /// <c>"true"</c> or <c>"false"</c>, as Sysmon for Linux writes it and SigmaHQ rules expect.</summary>
    public bool Initiated { get; init; } = true;

    /// <summary><c>tcp</c>, <c>udp</c>, <c>raw</c> or <c>unknown</c>.</summary>
    public required string Protocol { get; init; }

    /// <summary>Local address, when the sinkhole saw the connection.</summary>
    public string? SourceIp { get; init; }

    /// <summary>Local port, when the sinkhole saw the connection.</summary>
    public long? SourcePort { get; init; }

    /// <summary>Address the process asked for.</summary>
    public required string DestinationIp { get; init; }

    /// <summary>Port the process asked for.</summary>
    public required long DestinationPort { get; init; }

    /// <summary>The name the process resolved to <see cref="DestinationIp"/>, from the run's DNS log.</summary>
    public string? DestinationHostname { get; init; }

    /// <summary><c>success</c>, <c>in_progress</c> (non-blocking connect the sink never saw), or the errno
    /// name of the failure (<c>ENETUNREACH</c>, <c>ECONNREFUSED</c>...).</summary>
    public required string Outcome { get; init; }

    /// <summary>Image of the process.</summary>
    public required string Image { get; init; }

    /// <summary>Process id inside the sandbox's PID namespace.</summary>
    public required long ProcessId { get; init; }

    /// <inheritdoc />
    protected override void AddFields(EventFieldList fields)
    {
        fields.Add(nameof(Initiated), Initiated ? "true" : "false");
        fields.Add(nameof(Protocol), Protocol);
        fields.Add(nameof(SourceIp), SourceIp);
        fields.Add(nameof(SourcePort), SourcePort);
        fields.Add(nameof(DestinationIp), DestinationIp);
        fields.Add(nameof(DestinationPort), DestinationPort);
        fields.Add(nameof(DestinationHostname), DestinationHostname);
        fields.Add(nameof(Outcome), Outcome);
        fields.Add(nameof(Image), Image);
        fields.Add(nameof(ProcessId), ProcessId);
    }
}
