using System.Text;

namespace Tracehound.Storage.Tests;

internal static class StorageFixtures
{
    private static long s_next;

    public static AgentOptions Options(int maxItems = 100)
    {
        var options = new AgentOptions();
        options.Quarantine.MaxItems = maxItems;
        options.RateLimit.MaxRequests = 1_000_000;
        return options;
    }

    public static TracehoundStorageOptions StorageOptions(string directory) => new() { DataDirectory = directory };

    public static Scent Threat(string payload, Severity severity = Severity.High, string source = "203.0.113.7") =>
        new("req-" + Interlocked.Increment(ref s_next), DateTimeOffset.UnixEpoch, source,
            ScentPayload.FromBytes(Encoding.UTF8.GetBytes(payload)),
            new ThreatSignal(ThreatCategory.Injection, severity, "waf", 0.9, "942100"));
}
