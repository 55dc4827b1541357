using System.Diagnostics;
using System.Globalization;
using System.Text;
using Detektr.Runs;

namespace Detektr.Network;

/// <summary>The two network namespaces of a sinkhole run: the sandbox's (<c>dk-ID-r</c>) and the sink's
/// (<c>dk-ID-s</c>), joined by a veth pair. The sandbox's default route points at the sink; in the
/// sink's namespace nftables redirects every TCP destination to the sink's listener, DNS to its
/// resolver, and other UDP (by TPROXY, keeping the original destination) to its datagram socket.
/// Forwarding is dropped, and neither namespace has another interface, so nothing leaves.</summary>
internal sealed class SinkholeNetwork : IDisposable
{
    private readonly string _ip;
    private bool _disposed;

    private SinkholeNetwork(string ip, string sandboxNamespace, string sinkNamespace)
    {
        _ip = ip;
        SandboxNamespace = sandboxNamespace;
        SinkNamespace = sinkNamespace;
    }

    /// <summary>Name of the sandbox's namespace.</summary>
    public string SandboxNamespace { get; }

    /// <summary>Name of the sink's namespace.</summary>
    public string SinkNamespace { get; }

    /// <summary>Path that joins the sandbox's namespace (for nsenter).</summary>
    public string SandboxNamespacePath => $"/run/netns/{SandboxNamespace}";

    /// <summary>Path that joins the sink's namespace.</summary>
    public string SinkNamespacePath => $"/run/netns/{SinkNamespace}";

    /// <summary>Creates the namespaces, the veth pair, the routes and the redirection rules.</summary>
    public static SinkholeNetwork Create(RunId runId, string ip, string nft, string nsenter, string workDirectory)
    {
        var id = runId.ShortForm;
        var network = new SinkholeNetwork(ip, $"dk-{id}-r", $"dk-{id}-s");
        var sink = SinkholeAddressing.SinkAddress.ToString();
        var sandbox = SinkholeAddressing.SandboxAddress.ToString();
        var prefix = SinkholeAddressing.PrefixLength.ToString(CultureInfo.InvariantCulture);
        var rules = Path.Join(workDirectory, "sinkhole.nft");
        File.WriteAllText(rules, string.Create(CultureInfo.InvariantCulture, $$"""
            table ip detektr {
              chain prerouting_nat {
                type nat hook prerouting priority dstnat; policy accept;
                iifname "veth1" udp dport 53 dnat to {{sink}}:{{SinkholeAddressing.DnsPort}}
                iifname "veth1" meta l4proto tcp dnat to {{sink}}:{{SinkholeAddressing.TcpPort}}
              }
              chain prerouting_mangle {
                type filter hook prerouting priority mangle; policy accept;
                iifname "veth1" udp dport != 53 tproxy to {{sink}}:{{SinkholeAddressing.UdpPort}} meta mark set 1 accept
              }
              chain forward_drop {
                type filter hook forward priority filter; policy drop;
              }
            }

            """));
        var sandboxBatch = Path.Join(workDirectory, "sandbox.ip");
        File.WriteAllText(sandboxBatch, $"""
            link set lo up
            link add veth0 type veth peer name veth1 netns {network.SinkNamespace}
            addr add {sandbox}/{prefix} dev veth0
            link set veth0 up
            route add default via {sink}

            """);
        var sinkBatch = Path.Join(workDirectory, "sink.ip");
        File.WriteAllText(sinkBatch, $"""
            link set lo up
            addr add {sink}/{prefix} dev veth1
            link set veth1 up
            rule add fwmark 1 lookup 100
            route add local 0.0.0.0/0 dev lo table 100

            """);
        var script = new StringBuilder()
            .AppendLine("set -e")
            .AppendLine(CultureInfo.InvariantCulture, $"'{ip}' netns add '{network.SandboxNamespace}'")
            .AppendLine(CultureInfo.InvariantCulture, $"'{ip}' netns add '{network.SinkNamespace}'")
            .AppendLine(CultureInfo.InvariantCulture, $"'{ip}' -n '{network.SandboxNamespace}' -batch '{sandboxBatch}'")
            .AppendLine(CultureInfo.InvariantCulture, $"'{ip}' -n '{network.SinkNamespace}' -batch '{sinkBatch}'")
            .AppendLine(CultureInfo.InvariantCulture, $"'{nsenter}' --net='{network.SinkNamespacePath}' '{nft}' -f '{rules}'")
            .ToString();
        try
        {
            RunShell(script, "set up the sinkhole network");
        }
        catch
        {
            network.Dispose();
            throw;
        }

        return network;
    }

    /// <summary>Deletes both namespaces (which removes the veth pair and the rules with them).</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        RunShell($"'{_ip}' netns del '{SandboxNamespace}' 2>/dev/null; '{_ip}' netns del '{SinkNamespace}' 2>/dev/null; true",
            "remove the sinkhole network");
    }

    private static void RunShell(string script, string what)
    {
        var start = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        using var process = Process.Start(start) ?? throw new IOException($"cannot start /bin/sh to {what}");
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new Detonation.SandboxUnavailableException($"could not {what}: {error.Result.Trim()}");
        }
    }
}
