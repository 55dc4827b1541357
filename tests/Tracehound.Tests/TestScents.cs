using System.Text;

namespace Tracehound.Tests;

/// <summary>Builders for scents used across the tests.</summary>
internal static class TestScents
{
    private static long s_next;

    public static ThreatSignal Signal(Severity severity = Severity.High, ThreatCategory? category = null) =>
        new(category ?? ThreatCategory.Injection, severity, "test-detector", 0.9, "rule-1");

    public static Scent Threat(string payload, Severity severity = Severity.High, string source = "10.0.0.1", ThreatCategory? category = null) =>
        new(NextId(), DateTimeOffset.UnixEpoch, source, ScentPayload.FromBytes(Encoding.UTF8.GetBytes(payload)), Signal(severity, category));

    public static Scent Threat(byte[] payload, Severity severity = Severity.High, string source = "10.0.0.1") =>
        new(NextId(), DateTimeOffset.UnixEpoch, source, ScentPayload.FromBytes(payload), Signal(severity));

    public static Scent Clean(string source = "10.0.0.1") =>
        new(NextId(), DateTimeOffset.UnixEpoch, source, ScentPayload.FromText("GET /"));

    public static string NextId() => "scent-" + Interlocked.Increment(ref s_next);

    /// <summary>Options without background surprises: no compression unless asked, a generous rate limit.</summary>
    public static AgentOptions Options(int maxItems = 100, long maxBytes = 1 << 20, bool compression = false)
    {
        var options = new AgentOptions();
        options.Quarantine.MaxItems = maxItems;
        options.Quarantine.MaxBytes = maxBytes;
        options.Quarantine.Compression = compression;
        options.Payload.MaxBytes = (int)Math.Min(maxBytes, 64 * 1024);
        options.RateLimit.MaxRequests = 1_000_000;
        return options;
    }
}
