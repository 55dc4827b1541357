using System.Text;
using Tracehound;
using Tracehound.Storage;

// Usage: Tracehound.Storage.CrashHost DATA_DIRECTORY
// Quarantines unique evidence in bursts. After each burst's flush it prints
//   durable <count> <signature of the last evidence of the burst>
// meaning: every evidence intercepted up to that one is durable.
if (args.Length != 1)
{
    Console.Error.WriteLine("usage: Tracehound.Storage.CrashHost DATA_DIRECTORY");
    return 2;
}

var options = new AgentOptions();
options.Quarantine.MaxItems = 1_000_000;
options.Quarantine.MaxBytes = 1L << 30;
options.RateLimit.MaxRequests = int.MaxValue;
using var agent = new Agent(options);
var storage = TracehoundStorage.Open(agent, new TracehoundStorageOptions { DataDirectory = args[0] });
Console.WriteLine("ready");
var signal = new ThreatSignal(ThreatCategory.Injection, Severity.High, "crash-test");
var count = 0L;
while (true)
{
    // Bursts of evidence, each followed by a flush: the kill lands mid-burst or mid-commit.
    var last = string.Empty;
    for (var i = 0; i < 250; i++)
    {
        var result = agent.Intercept(new Scent($"c{count}", DateTimeOffset.UtcNow, "192.0.2.1",
            ScentPayload.FromBytes(Encoding.UTF8.GetBytes($"crash test evidence number {count} " + new string('x', 200))), signal));
        if (result.Status != InterceptStatus.Quarantined)
        {
            Console.Error.WriteLine($"unexpected {result}");
            return 1;
        }

        count++;
        last = result.Signature.ToString();
    }

    await storage.FlushAsync().ConfigureAwait(false);
    Console.WriteLine($"durable {count} {last}");
}
