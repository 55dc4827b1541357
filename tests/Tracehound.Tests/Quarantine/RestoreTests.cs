using System.Collections.Concurrent;
using System.Text;

namespace Tracehound.Tests.Quarantine;

public class RestoreTests
{
    private static async Task<StoredEvidence> Capture(string payload, Severity severity, bool compressed)
    {
        await using var agent = new Agent(TestScents.Options(compression: compressed));
        var signature = agent.Intercept(TestScents.Threat(payload, severity)).Signature;
        var evidence = agent.Quarantine.Find(signature)!;
        if (compressed)
        {
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (evidence.Codec != EvidenceCodec.Brotli && DateTime.UtcNow < deadline)
            {
                await Task.Delay(5, TestContext.Current.CancellationToken);
            }
        }

        Assert.True(evidence.TryCopyStoredBytes(out var bytes, out var codec));
        return new StoredEvidence(evidence.Id, signature, evidence.Severity, evidence.Detector, evidence.RuleId, evidence.Source, evidence.CapturedAt, evidence.Size, evidence.Sequence, codec, bytes);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Stored_evidence_is_restored_with_its_payload(bool compressed)
    {
        var payload = string.Concat(Enumerable.Repeat("<img src=x onerror=alert(1)> ", 30));
        var stored = await Capture(payload, Severity.High, compressed);
        Assert.Equal(compressed ? EvidenceCodec.Brotli : EvidenceCodec.None, stored.Codec);

        await using var agent = new Agent(TestScents.Options());
        var events = new ConcurrentQueue<TracehoundEvent>();
        using var subscription = agent.Subscribe(events.Enqueue);
        Assert.Equal(RestoreOutcome.Restored, agent.Quarantine.Restore(stored));
        Assert.Equal(RestoreOutcome.Duplicate, agent.Quarantine.Restore(stored));

        var evidence = agent.Quarantine.Find(stored.Signature)!;
        Assert.True(evidence.TryRevealPayload(out var bytes));
        Assert.Equal(payload, Encoding.UTF8.GetString(bytes));
        Assert.Equal(stored.Bytes.Length, agent.Quarantine.Bytes);
        // The same payload intercepted again is a known threat.
        Assert.Equal(InterceptStatus.Ignored, agent.Intercept(TestScents.Threat(payload)).Status);
        // New evidence continues the sequence after the restored one.
        Assert.True(agent.Intercept(TestScents.Threat("next")).Handle.Sequence > stored.Sequence);
        await agent.Notifications.FlushAsync(TestContext.Current.CancellationToken);
        Assert.DoesNotContain(events, e => e is EvidenceQuarantined q && q.Evidence.Signature == stored.Signature);
    }

    [Fact]
    public async Task Tampered_bytes_are_refused()
    {
        var stored = await Capture("payload that will be altered", Severity.Low, compressed: false);
        var tampered = stored with { Bytes = [.. stored.Bytes] };
        tampered.Bytes[3] ^= 0x01;
        await using var agent = new Agent(TestScents.Options());
        Assert.Equal(RestoreOutcome.HashMismatch, agent.Quarantine.Restore(tampered));
        Assert.Equal(0, agent.Quarantine.Count);
    }

    [Fact]
    public async Task Restoring_into_smaller_limits_evicts_in_the_usual_order()
    {
        var low = await Capture("low", Severity.Low, compressed: false);
        var critical = await Capture("critical", Severity.Critical, compressed: false);
        await using var agent = new Agent(TestScents.Options(maxItems: 1));
        agent.Quarantine.Restore(critical);
        agent.Quarantine.Restore(low);
        Assert.NotNull(agent.Quarantine.Find(low.Signature));
        Assert.Null(agent.Quarantine.Find(critical.Signature));
        Assert.Equal(1, agent.Snapshot().Evictions.ItemLimit);
    }

    [Fact]
    public async Task Stored_evidence_with_an_undefined_severity_is_refused_before_it_can_corrupt_the_quarantine()
    {
        var stored = await Capture("odd severity", Severity.Low, compressed: false);
        await using var agent = new Agent(TestScents.Options());
        Assert.Throws<ArgumentException>(() => agent.Quarantine.Restore(stored with { Severity = (Severity)7 }));
        Assert.Equal(0, agent.Quarantine.Count);
        Assert.Equal(RestoreOutcome.Restored, agent.Quarantine.Restore(stored));
    }

    [Fact]
    public async Task Stored_evidence_never_prints_its_bytes()
    {
        var stored = await Capture("password=swordfish", Severity.Low, compressed: false);
        Assert.DoesNotContain("swordfish", stored.ToString(), StringComparison.Ordinal);
    }
}
