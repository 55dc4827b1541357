using System.Buffers.Binary;

namespace Tracehound.Tests.Interception;

public class ConcurrencyStressTests
{
    [Fact]
    public async Task Many_threads_never_exceed_a_limit_and_the_counters_add_up()
    {
        const int threads = 8;
        const int perThread = 20_000;
        var options = TestScents.Options(maxItems: 500, maxBytes: 40_000, compression: true);
        options.RateLimit.MaxRequests = 5_000;
        options.RateLimit.Window = TimeSpan.FromHours(1);
        await using var agent = new Agent(options);
        var violations = 0L;
        using var stop = new CancellationTokenSource();

        // A watcher reads the limits continuously while the writers run.
        var watcher = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                if (agent.Quarantine.Count > 500 || agent.Quarantine.Bytes > 40_000)
                {
                    Interlocked.Increment(ref violations);
                }
            }
        }, TestContext.Current.CancellationToken);

        var expected = new long[6];
        var workers = Enumerable.Range(0, threads).Select(t => Task.Run(() =>
        {
            var local = new long[6];
            var random = new Random(t);
            for (var i = 0; i < perThread; i++)
            {
                var source = $"10.0.{t}.{i % 3}";
                Scent scent = random.Next(10) switch
                {
                    0 => TestScents.Clean(source),
                    1 => TestScents.Threat($"replay-{i % 7}", Severity.Medium, source),
                    2 => new Scent($"s{t}-{i}", DateTimeOffset.UnixEpoch, source, ScentPayload.FromJson("{"), TestScents.Signal()),
                    _ => TestScents.Threat(Unique(t, i, 16 + random.Next(100)), (Severity)random.Next(4), source),
                };
                local[(int)agent.Intercept(scent).Status]++;
            }

            for (var s = 0; s < 6; s++)
            {
                Interlocked.Add(ref expected[s], local[s]);
            }
        }, TestContext.Current.CancellationToken)).ToArray();

        await Task.WhenAll(workers);
        await stop.CancelAsync();
        await watcher;

        Assert.Equal(0, Interlocked.Read(ref violations));
        var counts = agent.Counts;
        Assert.Equal(threads * perThread, counts.Total);
        Assert.Equal(expected[0], counts.Clean);
        Assert.Equal(expected[1], counts.RateLimited);
        Assert.Equal(expected[3], counts.Ignored);
        Assert.Equal(expected[4], counts.Quarantined);
        Assert.Equal(expected[5], counts.Error);
        Assert.True(counts.RateLimited > 0, "the rate limit was exercised");
        Assert.True(counts.Ignored > 0, "duplicates were exercised");

        // What the quarantine reports matches what it holds, once the compression lane has drained.
        await agent.DisposeAsync();
        var held = agent.Quarantine.List();
        Assert.Equal(agent.Quarantine.Count, held.Count);
        Assert.Equal(agent.Quarantine.Bytes, held.Sum(e => (long)e.StoredSize));
        Assert.Equal(counts.Quarantined - held.Count, agent.Quarantine.Evictions.Total);
        Assert.All(held, e => Assert.Equal(EvidenceState.Quarantined, e.State));
    }

    private static byte[] Unique(int thread, int i, int size)
    {
        var bytes = new byte[size];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, thread);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), i);
        return bytes;
    }
}
