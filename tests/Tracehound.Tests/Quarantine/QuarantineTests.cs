using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Time.Testing;

namespace Tracehound.Tests.Quarantine;

public class QuarantineTests
{
    [Fact]
    public async Task Evicts_lowest_severity_first_when_full()
    {
        await using var agent = new Agent(TestScents.Options(maxItems: 3));
        var events = new ConcurrentQueue<TracehoundEvent>();
        using var subscription = agent.Subscribe(events.Enqueue);
        var critical = agent.Intercept(TestScents.Threat("c", Severity.Critical)).Signature;
        var low = agent.Intercept(TestScents.Threat("l", Severity.Low)).Signature;
        var medium = agent.Intercept(TestScents.Threat("m", Severity.Medium)).Signature;
        var high = agent.Intercept(TestScents.Threat("h", Severity.High)).Signature;

        Assert.Null(agent.Quarantine.Find(low));
        Assert.NotNull(agent.Quarantine.Find(critical));
        Assert.NotNull(agent.Quarantine.Find(medium));
        Assert.NotNull(agent.Quarantine.Find(high));

        await agent.Notifications.FlushAsync(TestContext.Current.CancellationToken);
        var evicted = Assert.Single(events.OfType<EvidenceEvicted>());
        Assert.Equal(low, evicted.Evidence.Signature);
        Assert.Equal(EvictionReason.ItemLimit, evicted.Reason);
        Assert.Equal(EvidenceState.Evicted, evicted.Evidence.State);
        Assert.False(evicted.Evidence.TryRevealPayload(out _));
        Assert.Empty(events.OfType<Alert>());
    }

    [Fact]
    public async Task Evicts_oldest_first_within_a_severity()
    {
        await using var agent = new Agent(TestScents.Options(maxItems: 2));
        var first = agent.Intercept(TestScents.Threat("1", Severity.Medium)).Signature;
        var second = agent.Intercept(TestScents.Threat("2", Severity.Medium)).Signature;
        agent.Intercept(TestScents.Threat("3", Severity.Medium));
        Assert.Null(agent.Quarantine.Find(first));
        Assert.NotNull(agent.Quarantine.Find(second));
    }

    [Fact]
    public async Task Evicting_high_or_critical_evidence_raises_an_alert()
    {
        await using var agent = new Agent(TestScents.Options(maxItems: 1));
        var events = new ConcurrentQueue<TracehoundEvent>();
        using var subscription = agent.Subscribe(events.Enqueue);
        var critical = agent.Intercept(TestScents.Threat("c", Severity.Critical)).Signature;
        agent.Intercept(TestScents.Threat("x", Severity.Low));
        await agent.Notifications.FlushAsync(TestContext.Current.CancellationToken);
        var alert = Assert.Single(events.OfType<Alert>());
        Assert.Equal(AlertCodes.HighSeverityEvicted, alert.Code);
        Assert.Equal(Severity.Critical, alert.Severity);
        Assert.Equal(critical, alert.Signature);
    }

    [Fact]
    public async Task The_byte_limit_evicts_as_many_as_needed_and_is_never_exceeded()
    {
        await using var agent = new Agent(TestScents.Options(maxItems: 100, maxBytes: 100));
        var events = new ConcurrentQueue<TracehoundEvent>();
        using var subscription = agent.Subscribe(events.Enqueue);
        for (var i = 0; i < 4; i++)
        {
            agent.Intercept(TestScents.Threat(Encoding.UTF8.GetBytes(i + new string('x', 19)), Severity.Low));
        }

        Assert.Equal(80, agent.Quarantine.Bytes);
        // 60 more bytes fit only once two of the 20-byte items are gone: exactly at the limit.
        agent.Intercept(TestScents.Threat(new byte[60], Severity.High));
        Assert.Equal(100, agent.Quarantine.Bytes);
        Assert.Equal(3, agent.Quarantine.Count);
        await agent.Notifications.FlushAsync(TestContext.Current.CancellationToken);
        Assert.Equal(2, events.OfType<EvidenceEvicted>().Count(e => e.Reason == EvictionReason.ByteLimit));
        Assert.Equal(2, agent.Snapshot().Evictions.ByteLimit);
        agent.Intercept(TestScents.Threat(new byte[1], Severity.High));
        Assert.Equal(81, agent.Quarantine.Bytes);
    }

    [Fact]
    public async Task Neutralize_returns_the_record_and_zeroes_the_bytes()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero));
        await using var agent = new Agent(TestScents.Options(), time);
        var result = agent.Intercept(TestScents.Threat("rm -rf /"));
        var evidence = agent.Quarantine.Find(result.Signature)!;
        time.Advance(TimeSpan.FromMinutes(5));

        Assert.True(agent.Quarantine.TryNeutralize(result.Signature, out var record));
        Assert.Equal(evidence.Id, record!.Id);
        Assert.Equal(result.Signature, record.Signature);
        Assert.Equal(result.Signature.Hash, record.Hash);
        Assert.Equal(8, record.Size);
        Assert.Equal(time.GetUtcNow(), record.NeutralizedAt);
        Assert.Equal(EvidenceState.Neutralized, evidence.State);
        Assert.False(evidence.TryRevealPayload(out _));
        Assert.Equal(0, agent.Quarantine.Count);
        Assert.Equal(0, agent.Quarantine.Bytes);
        Assert.False(agent.Quarantine.TryNeutralize(result.Signature, out _));
    }

    [Fact]
    public async Task Evacuate_hands_the_evidence_to_the_sink_and_releases_it()
    {
        await using var agent = new Agent(TestScents.Options());
        var events = new ConcurrentQueue<TracehoundEvent>();
        using var subscription = agent.Subscribe(events.Enqueue);
        var signature = agent.Intercept(TestScents.Threat("evidence bytes")).Signature;
        var sink = new CopyingSink();

        var result = await agent.Quarantine.EvacuateAsync(signature, sink, TestContext.Current.CancellationToken);

        Assert.Equal(EvacuationStatus.Evacuated, result.Status);
        Assert.Equal("evidence bytes", Encoding.UTF8.GetString(sink.Received[signature]));
        Assert.Null(agent.Quarantine.Find(signature));
        await agent.Notifications.FlushAsync(TestContext.Current.CancellationToken);
        Assert.Equal("copy", Assert.Single(events.OfType<EvidenceEvacuated>()).Destination);
        Assert.Equal(EvacuationStatus.NotFound, (await agent.Quarantine.EvacuateAsync(signature, sink, TestContext.Current.CancellationToken)).Status);
    }

    [Fact]
    public async Task A_failing_sink_leaves_the_evidence_quarantined()
    {
        await using var agent = new Agent(TestScents.Options());
        var signature = agent.Intercept(TestScents.Threat("keep me")).Signature;
        var result = await agent.Quarantine.EvacuateAsync(signature, new FailingSink(), TestContext.Current.CancellationToken);
        Assert.Equal(EvacuationStatus.SinkFailed, result.Status);
        Assert.Contains("disk full", result.Error, StringComparison.Ordinal);
        var evidence = agent.Quarantine.Find(signature)!;
        Assert.Equal(EvidenceState.Quarantined, evidence.State);
        Assert.True(evidence.TryRevealPayload(out var bytes));
        Assert.Equal("keep me", Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public async Task Flush_purges_everything_with_an_event_each()
    {
        await using var agent = new Agent(TestScents.Options());
        var events = new ConcurrentQueue<TracehoundEvent>();
        using var subscription = agent.Subscribe(events.Enqueue);
        for (var i = 0; i < 5; i++)
        {
            agent.Intercept(TestScents.Threat($"p{i}"));
        }

        Assert.Equal(5, agent.Quarantine.Flush());
        Assert.Equal(0, agent.Quarantine.Count);
        Assert.Equal(0, agent.Quarantine.Bytes);
        await agent.Notifications.FlushAsync(TestContext.Current.CancellationToken);
        Assert.Equal(5, events.OfType<EvidencePurged>().Count(e => e.Reason == "flush"));
    }

    [Fact]
    public async Task Purge_removes_one_piece_of_evidence()
    {
        await using var agent = new Agent(TestScents.Options());
        var keep = agent.Intercept(TestScents.Threat("keep")).Signature;
        var erase = agent.Intercept(TestScents.Threat("erase")).Signature;
        Assert.True(agent.Quarantine.Purge(erase));
        Assert.False(agent.Quarantine.Purge(erase));
        Assert.NotNull(agent.Quarantine.Find(keep));
        Assert.Null(agent.Quarantine.Find(erase.ToString()));
    }

    [Fact]
    public async Task Expired_evidence_is_swept_in_the_background()
    {
        var time = new FakeTimeProvider();
        var options = TestScents.Options();
        options.Quarantine.TimeToLive = TimeSpan.FromMinutes(10);
        await using var agent = new Agent(options, time);
        var old = agent.Intercept(TestScents.Threat("old", Severity.Critical)).Signature;
        time.Advance(TimeSpan.FromMinutes(6));
        var young = agent.Intercept(TestScents.Threat("young", Severity.Low)).Signature;
        time.Advance(TimeSpan.FromMinutes(5));

        Assert.Null(agent.Quarantine.Find(old));
        Assert.NotNull(agent.Quarantine.Find(young));
        Assert.Equal(1, agent.Snapshot().Evictions.Expired);
        time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(0, agent.Quarantine.Count);
    }

    [Fact]
    public async Task The_background_lane_compresses_evidence_and_the_bytes_survive()
    {
        var options = TestScents.Options(compression: true);
        await using var agent = new Agent(options);
        var text = string.Concat(Enumerable.Repeat("GET /search?q=' UNION SELECT password FROM users -- ", 40));
        var signature = agent.Intercept(TestScents.Threat(text)).Signature;
        var evidence = agent.Quarantine.Find(signature)!;
        await WaitUntil(() => evidence.Codec == EvidenceCodec.Brotli);

        Assert.True(evidence.StoredSize < evidence.Size / 4);
        Assert.Equal(evidence.StoredSize, agent.Quarantine.Bytes);
        Assert.True(evidence.TryRevealPayload(out var bytes));
        Assert.Equal(text, Encoding.UTF8.GetString(bytes));
        Assert.Equal(1, agent.Snapshot().Compression.Compressed);
    }

    [Fact]
    public async Task Incompressible_evidence_stays_as_it_is()
    {
        await using var agent = new Agent(TestScents.Options(compression: true));
        var random = new byte[512];
        new Random(7).NextBytes(random);
        var evidence = agent.Quarantine.Find(agent.Intercept(TestScents.Threat(random)).Signature)!;
        await agent.DisposeAsync();
        Assert.Equal(EvidenceCodec.None, evidence.Codec);
        Assert.Equal(512, evidence.StoredSize);
    }

    [Fact]
    public async Task Snapshot_counts_by_severity()
    {
        await using var agent = new Agent(TestScents.Options());
        agent.Intercept(TestScents.Threat("a", Severity.Low));
        agent.Intercept(TestScents.Threat("bb", Severity.Low));
        agent.Intercept(TestScents.Threat("ccc", Severity.Critical));
        var buckets = agent.Snapshot().Quarantine.BySeverity;
        Assert.Equal(new SeverityBucket(Severity.Low, 2, 3), buckets[0]);
        Assert.Equal(new SeverityBucket(Severity.Medium, 0, 0), buckets[1]);
        Assert.Equal(new SeverityBucket(Severity.Critical, 1, 3), buckets[3]);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met within 10 s");
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }
    }

    private sealed class CopyingSink : IEvidenceSink
    {
        public Dictionary<ThreatSignature, byte[]> Received { get; } = [];

        public string Name => "copy";

        public ValueTask AcceptAsync(Evidence evidence, CancellationToken cancellationToken)
        {
            Assert.True(evidence.TryRevealPayload(out var bytes));
            Received[evidence.Signature] = bytes;
            return ValueTask.CompletedTask;
        }
    }

    private sealed class FailingSink : IEvidenceSink
    {
        public string Name => "cold-storage";

        public ValueTask AcceptAsync(Evidence evidence, CancellationToken cancellationToken) =>
            throw new IOException("disk full");
    }
}
