namespace Detektr.Sensors.Strace;

/// <summary>A connect() or first datagram to a destination, before correlation with the sink.</summary>
internal sealed record ConnectionAttempt(
    DateTimeOffset Time,
    string Image,
    long ProcessId,
    string Protocol,
    string DestinationIp,
    int DestinationPort,
    string Outcome);
