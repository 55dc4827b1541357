using Detektr.Detonation;
using Detektr.Events;
using Detektr.Network;
using Detektr.Tests.TestSupport;

namespace Detektr.Tests.Detonation;

public sealed class SinkholeTests : IDisposable
{
    private readonly TemporaryDirectory _store = new();

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task The_sink_answers_dns_accepts_tcp_records_http_and_udp_and_nothing_leaves()
    {
        var script = _store.Script("beacon.py", """
            #!/usr/bin/python3
            import socket, urllib.request
            s = socket.socket(); s.settimeout(3)
            print("raw", s.connect_ex(("203.0.113.7", 4444)))
            s.send(b"hello"); s.close()
            print("resolved", socket.gethostbyname("c2.example.net"))
            req = urllib.request.Request("http://c2.example.net/gate.php?id=42", headers={"User-Agent": "beacon/1.0", "X-Bot": "7"})
            print("http", urllib.request.urlopen(req, timeout=3).status)
            u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            u.sendto(b"ping", ("198.51.100.9", 9999))
            """);

        var run = await Sandboxes.RunAsync(_store, DetonationRequest.ForArtifact(script) with { Network = NetworkMode.Sinkhole });

        Assert.Equal("raw 0\nresolved 10.99.0.1\nhttp 200\n", File.ReadAllText(Path.Combine(run.Directory, "stdout.txt")));
        var raw = run.Of<NetworkConnectionEvent>().Single(c => c.DestinationPort == 4444);
        Assert.Equal(("tcp", "203.0.113.7", "success", "10.99.0.2"), (raw.Protocol, raw.DestinationIp, raw.Outcome, raw.SourceIp));
        Assert.NotNull(raw.SourcePort);
        var web = run.Of<NetworkConnectionEvent>().Single(c => c.DestinationPort == 80);
        Assert.Equal(("10.99.0.1", "c2.example.net"), (web.DestinationIp, web.DestinationHostname));
        var query = run.Of<DnsQueryEvent>().First(q => q.QueryType == "A");
        Assert.Equal(("c2.example.net", "10.99.0.1", "/usr/bin/python3"), (query.QueryName, query.QueryResults, query.Image));
        var http = Assert.Single(run.Of<HttpRequestEvent>());
        Assert.Equal(("GET", "c2.example.net", "/gate.php?id=42", "/usr/bin/python3"), (http.Method, http.Host, http.Path, http.Image));
        Assert.Equal("beacon/1.0", http.Headers["User-Agent"]);
        Assert.Equal("7", http.Headers["X-Bot"]);
        var datagram = run.Network.Single(r => r.Kind == "udp");
        Assert.Equal(("198.51.100.9", 9999, "cGluZw=="), (datagram.DestinationIp, datagram.DestinationPort, datagram.Preview));
        Assert.Equal(5, run.Network.Single(r => r is { Kind: "tcp", DestinationPort: 4444 }).Bytes);
        Assert.Equal(NetworkLog.ReadAll(run.Directory).Count, run.Network.Count);
        Assert.Equal("10.99.0.1", run.Manifest.Sandbox.SinkAddress);
    }

    [Fact]
    public async Task Dns_sent_to_a_hard_coded_resolver_is_answered_and_the_namespaces_are_removed()
    {
        var run = await Sandboxes.RunShellAsync(_store, "python3 -c \"" +
            "import socket;" +
            "q=bytes.fromhex('abcd01000001000000000000')+b'\\x04evil\\x03org\\x00\\x00\\x01\\x00\\x01';" +
            "u=socket.socket(socket.AF_INET,socket.SOCK_DGRAM);u.settimeout(3);u.sendto(q,('8.8.8.8',53));" +
            "d,a=u.recvfrom(512);print(a[0],len(d))\"",
            r => r with { Network = NetworkMode.Sinkhole });

        Assert.Equal("8.8.8.8 42\n", File.ReadAllText(Path.Combine(run.Directory, "stdout.txt")));
        var query = Assert.Single(run.Of<DnsQueryEvent>());
        Assert.Equal(("evil.org", "10.99.0.1"), (query.QueryName, query.QueryResults));
        var namespaces = Directory.Exists("/run/netns") ? Directory.GetFiles("/run/netns") : [];
        Assert.DoesNotContain(namespaces, n => n.Contains(run.RunId.ShortForm, StringComparison.Ordinal));
    }
}
