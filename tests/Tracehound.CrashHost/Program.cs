using Tracehound.Ledger;

// Appends records under load through the group-commit writer and prints one line per durable
// acknowledgement ("durable <size>": every leaf below <size> is on disk), until it is killed.
// Usage: Tracehound.CrashHost <data directory> [max records]
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: Tracehound.CrashHost <data directory> [max records]");
    return 2;
}

var limit = args.Length > 1 ? long.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : long.MaxValue;
var output = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true };
using var store = LedgerStore.Open(args[0], new LedgerStoreOptions { CheckpointInterval = TimeSpan.FromMilliseconds(200), MaxSegmentBytes = 1024 * 1024 });
var start = store.Head.Size.Value;
var writer = new GroupCommitLedgerWriter(store, new GroupCommitOptions { QueueCapacity = 4096, MaxBatchSize = 1024 });
writer.Committed += (_, head) => output.WriteLine($"durable {head.Size.Value}");
output.WriteLine($"start {start}");
try
{

    var epoch = DateTimeOffset.UnixEpoch.AddYears(55);
    for (long i = 0; i < limit; i++)
    {
        var leaf = start + (ulong)i;
        var record = new LedgerRecord("crash.test", $"crash-{leaf}", epoch.AddMilliseconds(i), [new("seq", (long)leaf)]);
        while (!writer.TryEnqueue(record))
        {
            // Queue full: wait for the writer instead of dropping, so leaf numbers stay dense for the test.
            Thread.Yield();
        }
    }

    await writer.FlushAsync().ConfigureAwait(false);
}
finally
{
    await writer.DisposeAsync().ConfigureAwait(false);
}

return 0;
