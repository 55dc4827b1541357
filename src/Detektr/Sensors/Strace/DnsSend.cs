using Detektr.Network;

namespace Detektr.Sensors.Strace;

/// <summary>A DNS query the sensor saw a process send.</summary>
internal sealed record DnsSend(DateTimeOffset Time, string Image, long ProcessId, string ServerIp, DnsQuestion Question);
