using System.Net;

namespace Detektr.Network;

/// <summary>The fixed private addressing of a sinkhole pair. Both ends live in namespaces the run
/// creates, so the same addresses serve every run in parallel without clashing with anything.</summary>
public static class SinkholeAddressing
{
    /// <summary>The sink's address: DNS answers point here, and the sandbox's default route.</summary>
    public static readonly IPAddress SinkAddress = IPAddress.Parse("10.99.0.1");

    /// <summary>The sandbox's address on the veth pair.</summary>
    public static readonly IPAddress SandboxAddress = IPAddress.Parse("10.99.0.2");

    /// <summary>Prefix length of the veth link.</summary>
    public const int PrefixLength = 30;

    /// <summary>Port the sink's TCP listener uses; every TCP destination is redirected here.</summary>
    public const int TcpPort = 7000;

    /// <summary>Port of the transparent UDP listener that receives non-DNS datagrams.</summary>
    public const int UdpPort = 7001;

    /// <summary>DNS port.</summary>
    public const int DnsPort = 53;
}
