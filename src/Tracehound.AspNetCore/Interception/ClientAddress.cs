using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;

namespace Tracehound.AspNetCore;

/// <summary>Who sent a request: the client (the rate limiter's key) and the connection's peer (for trust).</summary>
internal static class ClientAddress
{
    /// <summary>The source used when the transport gives no address (in-memory servers, Unix sockets).</summary>
    public const string Unknown = "unknown";

    [ThreadStatic]
    private static IPAddress? t_lastAddress;

    [ThreadStatic]
    private static string? t_lastText;

    /// <summary>
    /// The client address as text, from <see cref="ConnectionInfo.RemoteIpAddress"/>, which honours the
    /// ForwardedHeaders middleware when the application runs it first. IPv4-mapped IPv6 addresses are written
    /// in their IPv4 form. The last text is cached per thread, so keep-alive traffic formats nothing.
    /// </summary>
    public static string SourceOf(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return Unknown;
        }

        if (t_lastText is { } cached && (ReferenceEquals(address, t_lastAddress) || address.Equals(t_lastAddress)))
        {
            return cached;
        }

        var text = (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
        t_lastAddress = address;
        t_lastText = text;
        return text;
    }

    /// <summary>
    /// The address of the connection's peer, which the ForwardedHeaders middleware does not rewrite: the
    /// transport's remote end point (<see cref="IConnectionEndPointFeature"/>, or Kestrel's connection, which
    /// it exposes as <see cref="IConnectionItemsFeature"/>), falling back to
    /// <see cref="ConnectionInfo.RemoteIpAddress"/> when the server offers neither.
    /// </summary>
    public static IPAddress? PeerOf(HttpContext context)
    {
        var endPoint = context.Features.Get<IConnectionEndPointFeature>()?.RemoteEndPoint
            ?? (context.Features.Get<IConnectionItemsFeature>() as ConnectionContext)?.RemoteEndPoint;
        var peer = endPoint is IPEndPoint ip ? ip.Address : context.Connection.RemoteIpAddress;
        return peer is { IsIPv4MappedToIPv6: true } ? peer.MapToIPv4() : peer;
    }
}
