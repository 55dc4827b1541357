using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Tracehound.Ledger;

// Ledger benchmarks: one JSON object per line on stdout, progress on stderr.
//   ledger.append_group_commit  records/s through GroupCommitLedgerWriter on this machine's disk
//   ledger.verify               offline verification of the whole ledger (target: 1,000,000 records <= 5 s)
//   ledger.inclusion_proof      proof generation from the on-disk hashes (target: <= 50 us at 10,000,000 leaves)
// --quick builds one 1,000,000-record ledger for all three (about half a minute); the full run adds a
// 10,000,000-leaf ledger for the proof figure.
var quick = args.Contains("--quick");
var root = Directory.CreateTempSubdirectory("tracehound-ledger-bench-").FullName;
try
{
    var million = Path.Combine(root, "million");
    Emit(Append(million, 1_000_000));
    Emit(Verify(million));
    Emit(Proofs(million, quick ? 20_000 : 100_000));
    if (!quick)
    {
        var ten = Path.Combine(root, "ten-million");
        Emit(Append(ten, 10_000_000));
        Emit(Proofs(ten, 100_000));
    }
}
finally
{
    Directory.Delete(root, recursive: true);
}

return 0;

static Dictionary<string, object> Append(string directory, int count)
{
    Console.Error.WriteLine($"appending {count:N0} records with group commit to {directory}");
    using var store = LedgerStore.Open(directory);
    var writer = new GroupCommitLedgerWriter(store, new GroupCommitOptions { QueueCapacity = 65_536, MaxBatchSize = 16_384 });
    var epoch = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    var records = new LedgerRecord[4096];
    long retries = 0;
    var clock = Stopwatch.StartNew();
    for (var i = 0; i < count; i++)
    {
        // Realistic leaves: an evidence signature as subject, a reason and a size.
        var record = new LedgerRecord(
            "evidence.quarantined",
            "injection:" + i.ToString("x64", CultureInfo.InvariantCulture),
            epoch.AddMilliseconds(i),
            [new("bytes", 1024L + (i & 1023)), new("severity", "high")]);
        records[i & 4095] = record;
        while (!writer.TryEnqueue(record))
        {
            // The queue is full: a real caller would drop (and count); the benchmark waits so every record lands.
            retries++;
            Thread.Sleep(1);
        }
    }

    writer.FlushAsync().GetAwaiter().GetResult();
    clock.Stop();
    var counters = writer.Counters;
    writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
    return new()
    {
        ["bench"] = "ledger.append_group_commit",
        ["records"] = count,
        ["seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 3),
        ["records_per_sec"] = Math.Round(count / clock.Elapsed.TotalSeconds),
        ["commits"] = counters.Batches,
        ["records_per_commit"] = Math.Round((double)count / Math.Max(1, counters.Batches), 1),
        ["producer_waits_on_full_queue"] = retries,
        ["target_records_per_sec"] = 100_000,
    };
}

static Dictionary<string, object> Verify(string directory)
{
    Console.Error.WriteLine($"verifying {directory}");
    var clock = Stopwatch.StartNew();
    var report = LedgerVerifier.Verify(directory);
    clock.Stop();
    if (!report.IsIntact)
    {
        throw new InvalidOperationException("benchmark ledger failed verification: " + report.Failure);
    }

    return new()
    {
        ["bench"] = "ledger.verify",
        ["records"] = report.Head.Size.Value,
        ["checkpoints"] = report.CheckpointsVerified,
        ["seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 3),
        ["records_per_sec"] = Math.Round(report.Head.Size.Value / clock.Elapsed.TotalSeconds),
        ["target_seconds_per_million"] = 5,
    };
}

static Dictionary<string, object> Proofs(string directory, int samples)
{
    using var store = LedgerStore.Open(directory, new LedgerStoreOptions { ReadOnly = true });
    var size = store.Head.Size;
    Console.Error.WriteLine($"generating {samples:N0} inclusion proofs at {size.Value:N0} leaves");
    var random = new Random(42);
    var timings = new long[samples];
    var root = store.Head.RootHash;
    for (var i = 0; i < 2000; i++)
    {
        store.GetInclusionProof(new LeafIndex((ulong)random.NextInt64((long)size.Value)), size);
    }

    for (var i = 0; i < samples; i++)
    {
        var leaf = new LeafIndex((ulong)random.NextInt64((long)size.Value));
        var start = Stopwatch.GetTimestamp();
        var proof = store.GetInclusionProof(leaf, size);
        timings[i] = Stopwatch.GetTimestamp() - start;
        if (i % 1000 == 0 && !proof.Verify(store.GetLeafHash(leaf), root).IsValid)
        {
            throw new InvalidOperationException($"proof for leaf {leaf} does not verify");
        }
    }

    Array.Sort(timings);
    double Ns(long ticks) => Math.Round(ticks * 1e9 / Stopwatch.Frequency);
    return new()
    {
        ["bench"] = "ledger.inclusion_proof",
        ["tree_size"] = size.Value,
        ["samples"] = samples,
        ["mean_ns"] = Math.Round(timings.Average() * 1e9 / Stopwatch.Frequency),
        ["p50_ns"] = Ns(timings[samples / 2]),
        ["p99_ns"] = Ns(timings[samples * 99 / 100]),
        ["p999_ns"] = Ns(timings[samples * 999 / 1000]),
        ["target_ns"] = 50_000,
        ["target_tree_size"] = 10_000_000,
    };
}

static void Emit(Dictionary<string, object> result) => Console.WriteLine(JsonSerializer.Serialize(result));
