using Detektr.Detonation;
using Detektr.Events;
using Detektr.Tests.TestSupport;

namespace Detektr.Tests.Detonation;

public sealed class NetworkNoneTests : IDisposable
{
    private readonly TemporaryDirectory _store = new();

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task Connection_attempts_to_an_address_and_a_hostname_fail_and_are_recorded()
    {
        var script = _store.Script("net.py", """
            #!/usr/bin/python3
            import socket
            s = socket.socket()
            print(s.connect_ex(("203.0.113.7", 4444)))
            try:
                socket.getaddrinfo("c2.example.net", 443, socket.AF_INET, socket.SOCK_STREAM)
            except OSError as e:
                print("unresolved")
            """);

        var run = await Sandboxes.RunAsync(_store, DetonationRequest.ForArtifact(script));

        var connections = run.Of<NetworkConnectionEvent>().ToList();
        Assert.Contains(connections, c => (c.Protocol, c.DestinationIp, c.DestinationPort, c.Outcome, c.Image) ==
                                          ("tcp", "203.0.113.7", 4444L, "ENETUNREACH", "/usr/bin/python3"));
        var query = Assert.Single(run.Of<DnsQueryEvent>());
        Assert.Equal(("c2.example.net", "A", (string?)null, "/usr/bin/python3"), (query.QueryName, query.QueryType, query.QueryResults, query.Image));
        Assert.Equal("101\nunresolved\n", File.ReadAllText(Path.Combine(run.Directory, "stdout.txt")));
        Assert.Empty(run.Network);
    }
}
