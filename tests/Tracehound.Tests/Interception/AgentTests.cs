using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Time.Testing;

namespace Tracehound.Tests.Interception;

public class AgentTests
{
    [Fact]
    public async Task A_scent_without_a_signal_is_clean_and_nothing_is_held()
    {
        await using var agent = new Agent(TestScents.Options());
        var result = agent.Intercept(TestScents.Clean());
        Assert.Equal(InterceptStatus.Clean, result.Status);
        Assert.Equal(0, agent.Quarantine.Count);
        Assert.Equal(1, agent.Counts.Clean);
    }

    [Fact]
    public async Task A_flagged_scent_is_quarantined_under_its_signature()
    {
        await using var agent = new Agent(TestScents.Options());
        var payload = "id=1' OR '1'='1"u8.ToArray();
        var result = agent.Intercept(TestScents.Threat(payload, Severity.Critical));

        Assert.Equal(InterceptStatus.Quarantined, result.Status);
        Assert.Equal("injection:" + Convert.ToHexStringLower(SHA256.HashData(payload)), result.Signature.ToString());
        var evidence = agent.Quarantine.Find(result.Signature);
        Assert.NotNull(evidence);
        Assert.Equal(Severity.Critical, evidence.Severity);
        Assert.Equal(payload.Length, evidence.Size);
        Assert.Equal("test-detector", evidence.Detector);
        Assert.Equal("rule-1", evidence.RuleId);
        Assert.True(evidence.TryRevealPayload(out var revealed));
        Assert.Equal(payload, revealed);
    }

    [Fact]
    public async Task The_same_threat_again_is_ignored_and_keeps_the_first_evidence()
    {
        await using var agent = new Agent(TestScents.Options());
        var first = agent.Intercept(TestScents.Threat("<script>alert(1)</script>"));
        var again = agent.Intercept(TestScents.Threat("<script>alert(1)</script>", Severity.Low, "10.9.9.9"));

        Assert.Equal(InterceptStatus.Ignored, again.Status);
        Assert.Equal(first.Handle, again.Handle);
        Assert.Equal(1, agent.Quarantine.Count);
        Assert.Equal(Severity.High, agent.Quarantine.Find(first.Signature)!.Severity);
    }

    [Fact]
    public async Task The_same_payload_under_another_category_is_other_evidence()
    {
        await using var agent = new Agent(TestScents.Options());
        var a = agent.Intercept(TestScents.Threat("payload", category: ThreatCategory.Spam));
        var b = agent.Intercept(TestScents.Threat("payload", category: ThreatCategory.Parse("bot-net")));
        Assert.Equal(InterceptStatus.Quarantined, b.Status);
        Assert.NotEqual(a.Signature, b.Signature);
        Assert.StartsWith("bot-net:", b.Signature.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_rate_limit_applies_before_anything_else()
    {
        var time = new FakeTimeProvider();
        var options = TestScents.Options();
        options.RateLimit.MaxRequests = 2;
        options.RateLimit.Window = TimeSpan.FromSeconds(10);
        options.RateLimit.BlockDuration = TimeSpan.FromSeconds(30);
        await using var agent = new Agent(options, time);

        Assert.Equal(InterceptStatus.Clean, agent.Intercept(TestScents.Clean("1.1.1.1")).Status);
        Assert.Equal(InterceptStatus.Quarantined, agent.Intercept(TestScents.Threat("x", source: "1.1.1.1")).Status);
        var limited = agent.Intercept(TestScents.Threat("y", source: "1.1.1.1"));
        Assert.Equal(InterceptStatus.RateLimited, limited.Status);
        Assert.Equal(TimeSpan.FromSeconds(30), limited.RetryAfter);
        Assert.Equal(1, agent.Quarantine.Count);
        // Another source is unaffected.
        Assert.Equal(InterceptStatus.Clean, agent.Intercept(TestScents.Clean("2.2.2.2")).Status);
    }

    [Fact]
    public async Task Oversized_payloads_are_refused_with_the_limit()
    {
        var options = TestScents.Options();
        options.Payload.MaxBytes = 16;
        await using var agent = new Agent(options);
        var result = agent.Intercept(TestScents.Threat(new byte[17]));
        Assert.Equal(InterceptStatus.PayloadTooLarge, result.Status);
        Assert.Equal(16, result.Limit);
        // A structured payload whose canonical form outgrows the limit is refused the same way.
        var structured = new Scent("s", DateTimeOffset.UnixEpoch, "src", ScentPayload.FromStructured(new[] { new string('a', 32) }), TestScents.Signal());
        Assert.Equal(InterceptStatus.PayloadTooLarge, agent.Intercept(structured).Status);
        Assert.Equal(2, agent.Counts.PayloadTooLarge);
        Assert.Equal(0, agent.Quarantine.Count);
    }

    public static TheoryData<string, Scent?> InvalidScents() => new()
    {
        { InterceptErrorCodes.InvalidScent, null },
        { InterceptErrorCodes.InvalidScent, new Scent("", DateTimeOffset.UnixEpoch, "src", ScentPayload.Empty, TestScents.Signal()) },
        { InterceptErrorCodes.InvalidScent, new Scent(null!, DateTimeOffset.UnixEpoch, "src", ScentPayload.Empty) },
        { InterceptErrorCodes.InvalidScent, new Scent("id", DateTimeOffset.UnixEpoch, " ", ScentPayload.Empty) },
        { InterceptErrorCodes.InvalidScent, new Scent("id", DateTimeOffset.UnixEpoch, null!, ScentPayload.Empty) },
        { InterceptErrorCodes.InvalidScent, new Scent("id", DateTimeOffset.UnixEpoch, "src", null!) },
        { InterceptErrorCodes.PayloadDepthExceeded, new Scent("id", DateTimeOffset.UnixEpoch, "src", ScentPayload.FromJson(new string('[', 40) + new string(']', 40)), TestScents.Signal()) },
        { InterceptErrorCodes.PayloadInvalidJson, new Scent("id", DateTimeOffset.UnixEpoch, "src", ScentPayload.FromJson("{\"a\":"), TestScents.Signal()) },
        { InterceptErrorCodes.PayloadInvalidUtf8, new Scent("id", DateTimeOffset.UnixEpoch, "src", ScentPayload.FromJson(new byte[] { 0x22, 0xC3, 0x28, 0x22 }), TestScents.Signal()) },
        { InterceptErrorCodes.PayloadDuplicateKey, new Scent("id", DateTimeOffset.UnixEpoch, "src", ScentPayload.FromJson("{\"a\":1,\"a\":2}"), TestScents.Signal()) },
        { InterceptErrorCodes.PayloadCycle, new Scent("id", DateTimeOffset.UnixEpoch, "src", ScentPayload.FromStructured(Cyclic()), TestScents.Signal()) },
        { InterceptErrorCodes.PayloadUnsupportedType, new Scent("id", DateTimeOffset.UnixEpoch, "src", ScentPayload.FromStructured(new object[] { Guid.Empty }), TestScents.Signal()) },
        { InterceptErrorCodes.PayloadInvalidNumber, new Scent("id", DateTimeOffset.UnixEpoch, "src", ScentPayload.FromStructured(new object[] { double.NaN }), TestScents.Signal()) },
    };

    [Theory]
    [MemberData(nameof(InvalidScents))]
    public async Task Bad_input_gives_the_documented_error_and_is_counted(string code, Scent? scent)
    {
        await using var agent = new Agent(TestScents.Options());
        var result = agent.Intercept(scent!);
        Assert.Equal(InterceptStatus.Error, result.Status);
        Assert.Equal(code, result.Error!.Code);
        Assert.False(result.Error.Recoverable);
        Assert.Equal(1, agent.Counts.Error);
        Assert.Equal(code, Assert.Single(agent.Snapshot().RecentErrors).Code);
    }

    public static TheoryData<ThreatSignal> InvalidSignals() => new()
    {
        new ThreatSignal(ThreatCategory.Injection, (Severity)7, "waf"),
        new ThreatSignal(ThreatCategory.Injection, (Severity)(-1), "waf"),
        new ThreatSignal(ThreatCategory.Injection, Severity.High, null!),
        new ThreatSignal(ThreatCategory.Injection, Severity.High, " "),
    };

    [Theory]
    [MemberData(nameof(InvalidSignals))]
    public async Task A_signal_with_an_undefined_severity_or_no_detector_is_an_invalid_scent_and_holds_nothing(ThreatSignal signal)
    {
        await using var agent = new Agent(TestScents.Options());
        var payload = ScentPayload.FromBytes("id=1' OR '1'='1"u8.ToArray());
        var result = agent.Intercept(new Scent("id", DateTimeOffset.UnixEpoch, "src", payload, signal));
        Assert.Equal(InterceptStatus.Error, result.Status);
        Assert.Equal(InterceptErrorCodes.InvalidScent, result.Error!.Code);
        Assert.Equal(0, agent.Quarantine.Count);
        Assert.Empty(agent.Quarantine.List());

        // The quarantine is intact: the same payload with a valid signal is new evidence, and a flush works.
        var valid = agent.Intercept(new Scent("id", DateTimeOffset.UnixEpoch, "src", payload, TestScents.Signal()));
        Assert.Equal(InterceptStatus.Quarantined, valid.Status);
        Assert.Equal(1, agent.Quarantine.Flush());
    }

    [Fact]
    public async Task Too_many_keys_is_an_error_result()
    {
        var options = TestScents.Options();
        options.Payload.MaxKeys = 2;
        await using var agent = new Agent(options);
        var scent = new Scent("id", DateTimeOffset.UnixEpoch, "src", ScentPayload.FromJson("""{"a":1,"b":2,"c":3}"""), TestScents.Signal());
        Assert.Equal(InterceptErrorCodes.PayloadTooManyKeys, agent.Intercept(scent).Error!.Code);
    }

    [Fact]
    public async Task An_exception_inside_becomes_a_recoverable_error_and_the_agent_keeps_working()
    {
        var options = TestScents.Options();
        options.RateLimiter = new ThrowingLimiter();
        await using var agent = new Agent(options);
        var result = agent.Intercept(TestScents.Clean("explode"));
        Assert.Equal(InterceptStatus.Error, result.Status);
        Assert.Equal(InterceptErrorCodes.InternalError, result.Error!.Code);
        Assert.True(result.Error.Recoverable);
        Assert.DoesNotContain("secret", result.Error.Message, StringComparison.Ordinal);
        Assert.Equal(InterceptStatus.Clean, agent.Intercept(TestScents.Clean("fine")).Status);
        Assert.Equal(1, agent.Counts.Error);
    }

    [Fact]
    public async Task A_bcl_partitioned_limiter_can_replace_the_built_in_one()
    {
        var options = TestScents.Options();
        using var limiter = PartitionedRateLimiter.Create<string, string>(source => RateLimitPartition.GetFixedWindowLimiter(
            source, _ => new FixedWindowRateLimiterOptions { PermitLimit = 1, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        options.RateLimiter = limiter;
        await using var agent = new Agent(options);
        Assert.Equal(InterceptStatus.Clean, agent.Intercept(TestScents.Clean("a")).Status);
        var limited = agent.Intercept(TestScents.Clean("a"));
        Assert.Equal(InterceptStatus.RateLimited, limited.Status);
        Assert.True(limited.RetryAfter > TimeSpan.Zero);
    }

    [Fact]
    public async Task Counters_add_up_per_status()
    {
        var options = TestScents.Options();
        options.Payload.MaxBytes = 8;
        await using var agent = new Agent(options);
        agent.Intercept(TestScents.Clean());
        agent.Intercept(TestScents.Clean());
        agent.Intercept(TestScents.Threat("a"));
        agent.Intercept(TestScents.Threat("a"));
        agent.Intercept(TestScents.Threat("too large!"));
        agent.Intercept(null!);
        var counts = agent.Snapshot().Intercepts;
        Assert.Equal(new InterceptCounts(2, 0, 1, 1, 1, 1), counts);
        Assert.Equal(6, counts.Total);
    }

    [Fact]
    public void Invalid_options_are_refused_with_every_problem_named()
    {
        var options = new AgentOptions();
        options.Quarantine.MaxItems = 0;
        options.RateLimit.MaxRequests = 0;
        options.FailSafe.WarningRatio = 0.99;
        var error = Assert.Throws<ArgumentException>(() => new Agent(options));
        Assert.Contains("Quarantine.MaxItems", error.Message, StringComparison.Ordinal);
        Assert.Contains("RateLimit.MaxRequests", error.Message, StringComparison.Ordinal);
        Assert.Contains("FailSafe ratios", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nothing_shows_the_payload_in_text()
    {
        await using var agent = new Agent(TestScents.Options());
        const string secret = "password=hunter2";
        var scent = TestScents.Threat(secret);
        var result = agent.Intercept(scent);
        var evidence = agent.Quarantine.Find(result.Signature)!;
        Assert.DoesNotContain("hunter2", scent.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", scent.Payload.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", evidence.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", result.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", ScentPayload.FromText(secret).ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", ScentPayload.FromJson("\"" + secret + "\"").ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_disposed_agent_answers_with_an_error()
    {
        var agent = new Agent(TestScents.Options());
        await agent.DisposeAsync();
        Assert.Equal(InterceptErrorCodes.AgentDisposed, agent.Intercept(TestScents.Clean()).Error!.Code);
    }

    [Fact]
    public async Task Snapshot_reports_throughput_after_a_maintenance_pass()
    {
        var time = new FakeTimeProvider();
        await using var agent = new Agent(TestScents.Options(), time);
        for (var i = 0; i < 50; i++)
        {
            agent.Intercept(TestScents.Clean());
        }

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(50, agent.Snapshot().InterceptsPerSecond, precision: 6);
    }

    private static List<object?> Cyclic()
    {
        var list = new List<object?>();
        list.Add(new Dictionary<string, object?> { ["back"] = list });
        return list;
    }

    private sealed class ThrowingLimiter : PartitionedRateLimiter<string>
    {
        public override RateLimiterStatistics? GetStatistics(string resource) => null;

        protected override RateLimitLease AttemptAcquireCore(string resource, int permitCount) =>
            resource == "explode" ? throw new InvalidOperationException("secret internals") : new Granted();

        protected override ValueTask<RateLimitLease> AcquireAsyncCore(string resource, int permitCount, CancellationToken cancellationToken) =>
            ValueTask.FromResult(AttemptAcquireCore(resource, permitCount));

        private sealed class Granted : RateLimitLease
        {
            public override bool IsAcquired => true;

            public override IEnumerable<string> MetadataNames => [];

            public override bool TryGetMetadata(string metadataName, out object? metadata)
            {
                metadata = null;
                return false;
            }
        }
    }
}
