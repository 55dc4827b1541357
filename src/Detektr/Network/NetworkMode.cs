namespace Detektr.Network;

/// <summary>How the sandbox is networked.</summary>
public enum NetworkMode
{
    /// <summary>A network namespace with loopback only: connection attempts fail (ENETUNREACH) and are
    /// recorded; DNS goes to loopback, so queried names are recorded too.</summary>
    None,

    /// <summary>A network namespace wired by a veth pair to a sink in a second namespace that answers
    /// DNS with its own address, accepts TCP on every port, records HTTP requests and UDP datagrams.
    /// Neither namespace has a route to anywhere else.</summary>
    Sinkhole,
}
