using System.Diagnostics.CodeAnalysis;
using System.Net;

namespace Tracehound.AspNetCore;

/// <summary>A parsed list of addresses and networks; IPv4-mapped IPv6 addresses match their IPv4 form.</summary>
internal sealed class NetworkList
{
    private readonly IPNetwork[] _networks;

    private NetworkList(IPNetwork[] networks) => _networks = networks;

    public static NetworkList Empty { get; } = new([]);

    public int Count => _networks.Length;

    /// <summary>Parses every entry; on failure names the first bad one.</summary>
    public static bool TryParse(IEnumerable<string> entries, [NotNullWhen(true)] out NetworkList? list, [NotNullWhen(false)] out string? bad)
    {
        var networks = new List<IPNetwork>();
        foreach (var entry in entries)
        {
            if (!TryParseEntry(entry, out var network))
            {
                list = null;
                bad = entry ?? "(null)";
                return false;
            }

            networks.Add(network);
        }

        list = new NetworkList([.. networks]);
        bad = null;
        return true;
    }

    public bool Contains(IPAddress? address)
    {
        if (address is null)
        {
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        foreach (var network in _networks)
        {
            if (network.Contains(address))
            {
                return true;
            }
        }

        return false;
    }

    private static bool TryParseEntry(string? entry, out IPNetwork network)
    {
        network = default;
        if (string.IsNullOrWhiteSpace(entry))
        {
            return false;
        }

        var text = entry.Trim();
        if (text.Contains('/', StringComparison.Ordinal))
        {
            return IPNetwork.TryParse(text, out network);
        }

        if (!IPAddress.TryParse(text, out var address))
        {
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        network = new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
        return true;
    }
}
