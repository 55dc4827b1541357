using System.IO.Compression;
using System.Text;
using Tracehound;
using Tracehound.Benchmarks;
using Tracehound.Storage;

// Tracehound core benchmarks: figures as JSON lines on stdout, progress on stderr.
//   dotnet run -c Release -- [--quick]
var quick = args.Contains("--quick");
var duration = TimeSpan.FromSeconds(quick ? 1 : 10);
var warmup = quick ? 200_000L : 1_000_000L;

const int IdOffset = 44; // just after {"method":"POST","path":"/api/orders","id":"

void Progress(string text) => Console.Error.WriteLine($"[tracehound] {text}");

// Realistic 1 KiB request evidence: JSON-like text (compressible), unique per call by a counter.
static byte[] RequestPayload(int size)
{
    var text = new StringBuilder();
    text.Append("{\"method\":\"POST\",\"path\":\"/api/orders\",\"id\":\"0000000000000000\",\"query\":\"q=' OR 1=1 --\",");
    text.Append("\"headers\":{\"user-agent\":\"Mozilla/5.0 (X11; Linux x86_64)\",\"accept\":\"application/json\"},\"body\":\"");
    while (text.Length < size - 2)
    {
        text.Append("items[]=widget&qty=1&note=hello+world&");
    }

    text.Length = size - 2;
    text.Append("\"}");
    return Encoding.UTF8.GetBytes(text.ToString());
}

// Writes a unique counter into the payload's id field ("id":"<16 hex>").
static void Stamp(byte[] payload, long counter)
{
    var at = IdOffset;
    for (var i = 15; i >= 0; i--)
    {
        payload[at + i] = (byte)"0123456789abcdef"[(int)(counter & 0xF)];
        counter >>= 4;
    }
}

AgentOptions BenchOptions()
{
    var options = new AgentOptions();
    // The benchmark measures the buffer, not the limiter's verdicts: no source is ever limited.
    options.RateLimit.MaxRequests = int.MaxValue;
    options.RateLimit.Window = TimeSpan.FromDays(1);
    return options;
}

var sources = Enumerable.Range(0, 1024).Select(i => $"10.{i / 256}.{i % 256}.7").ToArray();
var signal = new ThreatSignal(ThreatCategory.Injection, Severity.Medium, "bench-waf", 0.9, "942100");
var severities = new[] { Severity.Low, Severity.Medium, Severity.High, Severity.Critical };

// intercept.clean
{
    Progress("intercept.clean");
    using var agent = new Agent(BenchOptions());
    var scents = sources.Select(s => new Scent("req", DateTimeOffset.UnixEpoch, s, ScentPayload.FromBytes(RequestPayload(1024)))).ToArray();
    var figures = Measurement.SingleThread("intercept.clean", i => agent.Intercept(scents[i & 1023]), duration, warmup);
    figures["target_ns_per_op"] = 200;
    figures["target_alloc_bytes_per_op"] = 0;
    Measurement.Print(figures);
}

// intercept.threat_unique_1k_full (bytes payload), the JSON-payload variant, and with persistence
double inMemoryOpsPerSecond = 0;
foreach (var kind in new[] { "bytes", "json", "persistent" })
{
    var name = kind switch
    {
        "bytes" => "intercept.threat_unique_1k_full",
        "json" => "intercept.threat_unique_1k_json_full",
        _ => "intercept.threat_unique_1k_full_persistent",
    };
    Progress(name);
    using var agent = new Agent(BenchOptions());
    var dataDirectory = Path.Combine(Path.GetTempPath(), "tracehound-bench-" + Guid.NewGuid().ToString("N"));
    var storage = kind == "persistent" ? TracehoundStorage.Open(agent, new TracehoundStorageOptions { DataDirectory = dataDirectory }) : null;
    var ring = Enumerable.Range(0, 4096).Select(i =>
    {
        var bytes = RequestPayload(1024);
        var payload = kind == "json" ? ScentPayload.FromJson(bytes) : ScentPayload.FromBytes(bytes);
        return (Bytes: bytes, Scent: new Scent("req", DateTimeOffset.UnixEpoch, sources[i & 1023], payload, signal with { Severity = severities[i & 3] }));
    }).ToArray();

    void Unique(long i)
    {
        var slot = ring[i & 4095];
        Stamp(slot.Bytes, i);
        agent.Intercept(slot.Scent);
    }

    // Fill the quarantine to its 10,000-item default so every measured insert evicts.
    for (var i = 0L; i < QuarantineOptions.DefaultMaxItems; i++)
    {
        Unique(i);
    }

    var figures = Measurement.SingleThread(name, i => Unique(i + QuarantineOptions.DefaultMaxItems), duration, warmup / 4);
    var snapshot = agent.Snapshot();
    figures["quarantine_items"] = snapshot.Quarantine.Count;
    figures["quarantine_max_items"] = snapshot.Quarantine.MaxItems;
    figures["evictions"] = snapshot.Evictions.Total;
    figures["compressed"] = snapshot.Compression.Compressed;
    figures["compression_skipped"] = snapshot.Compression.Skipped;
    figures["payload_bytes"] = 1024;
    switch (kind)
    {
        case "bytes":
            inMemoryOpsPerSecond = Convert.ToDouble(figures["ops_per_sec"], System.Globalization.CultureInfo.InvariantCulture);
            figures["target_ops_per_sec"] = 200_000;
            figures["target_p99_ns"] = 50_000;
            break;
        case "persistent":
            await storage!.FlushAsync().ConfigureAwait(false);
            var counters = storage.Counters;
            figures["ratio_to_in_memory"] = Math.Round(Convert.ToDouble(figures["ops_per_sec"], System.Globalization.CultureInfo.InvariantCulture) / inMemoryOpsPerSecond, 3);
            figures["target_ratio_to_in_memory"] = 0.8;
            figures["ledger_committed"] = counters.Ledger.Committed;
            figures["ledger_dropped"] = counters.Ledger.Dropped;
            figures["events_dropped"] = counters.EventsDropped;
            figures["evidence_committed"] = counters.Evidence.Committed;
            figures["evidence_dropped"] = counters.Evidence.Dropped;
            await storage.DisposeAsync().ConfigureAwait(false);
            Directory.Delete(dataDirectory, recursive: true);
            break;
    }

    Measurement.Print(figures);
}

// The same threat path at a paced rate the storage lanes can sustain: the added latency of persistence
// on the request path, as opposed to the CPU the lanes take from it when a flood saturates the machine.
var pacedLatency = new Dictionary<string, double>();
foreach (var persistent in new[] { false, true })
{
    var name = persistent ? "intercept.threat_unique_1k_paced_persistent" : "intercept.threat_unique_1k_paced_memory";
    Progress(name);
    const int rate = 10_000;
    using var agent = new Agent(BenchOptions());
    var dataDirectory = Path.Combine(Path.GetTempPath(), "tracehound-bench-" + Guid.NewGuid().ToString("N"));
    var storage = persistent ? TracehoundStorage.Open(agent, new TracehoundStorageOptions { DataDirectory = dataDirectory }) : null;
    var bytes = RequestPayload(1024);
    var scent = new Scent("req", DateTimeOffset.UnixEpoch, sources[0], ScentPayload.FromBytes(bytes), signal);
    for (var i = 0L; i < QuarantineOptions.DefaultMaxItems; i++)
    {
        Stamp(bytes, i);
        agent.Intercept(scent);
    }

    var count = quick ? 10_000 : 100_000;
    var samples = new long[count];
    var start = System.Diagnostics.Stopwatch.GetTimestamp();
    var ticksPerOp = System.Diagnostics.Stopwatch.Frequency / (double)rate;
    for (var i = 0; i < count; i++)
    {
        var due = start + (long)(i * ticksPerOp);
        while (System.Diagnostics.Stopwatch.GetTimestamp() < due)
        {
            Thread.SpinWait(20);
        }

        Stamp(bytes, QuarantineOptions.DefaultMaxItems + i);
        var t0 = System.Diagnostics.Stopwatch.GetTimestamp();
        agent.Intercept(scent);
        samples[i] = System.Diagnostics.Stopwatch.GetTimestamp() - t0;
    }

    Array.Sort(samples);
    double Ns(double p) => samples[Math.Min(samples.Length - 1, (int)(p * samples.Length))] * 1e9 / System.Diagnostics.Stopwatch.Frequency;
    var figures = new Dictionary<string, object>
    {
        ["bench"] = name,
        ["offered_ops_per_sec"] = rate,
        ["ops"] = count,
        ["p50_ns"] = Math.Round(Ns(0.50)),
        ["p99_ns"] = Math.Round(Ns(0.99)),
        ["p999_ns"] = Math.Round(Ns(0.999)),
        ["payload_bytes"] = 1024,
    };
    pacedLatency[persistent ? "persistent" : "memory"] = Ns(0.50);
    if (storage is not null)
    {
        await storage.FlushAsync().ConfigureAwait(false);
        var counters = storage.Counters;
        figures["p50_ratio_to_memory"] = Math.Round(Ns(0.50) / pacedLatency["memory"], 3);
        figures["ledger_committed"] = counters.Ledger.Committed;
        figures["ledger_dropped"] = counters.Ledger.Dropped;
        figures["events_dropped"] = counters.EventsDropped;
        figures["evidence_committed"] = counters.Evidence.Committed;
        figures["evidence_coalesced"] = counters.Evidence.Coalesced;
        await storage.DisposeAsync().ConfigureAwait(false);
        Directory.Delete(dataDirectory, recursive: true);
    }

    Measurement.Print(figures);
}

// store.sqlite: the evidence store's batch throughput (puts and deletes of compressed 1 KiB evidence)
{
    const string name = "store.sqlite.batch_put_delete";
    Progress(name);
    var dataDirectory = Path.Combine(Path.GetTempPath(), "tracehound-bench-" + Guid.NewGuid().ToString("N"));
    using (var store = EvidenceStore.Open(dataDirectory))
    {
        var compressed = new byte[210];
        Random.Shared.NextBytes(compressed);
        var batch = new List<EvidenceWrite>(1024);
        var rows = quick ? 100_000 : 500_000;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        for (var i = 0; i < rows; i += 512)
        {
            batch.Clear();
            for (var j = 0; j < 512; j++)
            {
                var hash = ContentHash.Compute(BitConverter.GetBytes((long)(i + j)));
                var signature = new ThreatSignature(ThreatCategory.Injection, hash);
                batch.Add(EvidenceWrite.Store(new StoredEvidence("req", signature, Severity.Medium, "bench", null, "10.0.0.1", DateTimeOffset.UnixEpoch, 1024, i + j, EvidenceCodec.Brotli, compressed)));
                if (i >= 10_000)
                {
                    var old = ContentHash.Compute(BitConverter.GetBytes((long)(i + j - 10_000)));
                    batch.Add(EvidenceWrite.Remove(new ThreatSignature(ThreatCategory.Injection, old), i + j - 10_000));
                }
            }

            store.Apply(batch);
        }

        var seconds = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds;
        Measurement.Print(new Dictionary<string, object>
        {
            ["bench"] = name,
            ["rows_put"] = rows,
            ["puts_per_sec"] = Math.Round(rows / seconds),
            ["writes_per_sec"] = Math.Round(((2.0 * rows) - 10_000) / seconds),
            ["batch_puts"] = 512,
            ["synchronous"] = "FULL",
            ["journal"] = "WAL",
            ["rows_held"] = store.Count(),
        });
    }

    Directory.Delete(dataDirectory, recursive: true);
}

// intercept.duplicate: the same known threat again
foreach (var size in new[] { 256, 1024 })
{
    var name = size == 1024 ? "intercept.duplicate_1k" : "intercept.duplicate";
    Progress(name);
    using var agent = new Agent(BenchOptions());
    var scents = sources.Select(s => new Scent("req", DateTimeOffset.UnixEpoch, s, ScentPayload.FromBytes(RequestPayload(size)), signal)).ToArray();
    if (agent.Intercept(scents[0]).Status != InterceptStatus.Quarantined)
    {
        throw new InvalidOperationException("the first intercept should quarantine");
    }

    var figures = Measurement.SingleThread(name, i => agent.Intercept(scents[i & 1023]), duration, warmup);
    figures["payload_bytes"] = size;
    figures["ignored"] = agent.Counts.Ignored;
    if (size == 256)
    {
        figures["target_ops_per_sec"] = 1_000_000;
    }

    Measurement.Print(figures);
}

// intercept.threat_unique_1k_full with 8 threads
{
    const int threads = 8;
    const string name = "intercept.threat_unique_1k_full_8t";
    Progress(name);
    using var agent = new Agent(BenchOptions());
    var rings = Enumerable.Range(0, threads).Select(t => Enumerable.Range(0, 1024).Select(i =>
    {
        var bytes = RequestPayload(1024);
        // A per-thread letter in the path keeps the threads' payloads distinct.
        bytes[30] = (byte)('a' + t);
        return (Bytes: bytes, Scent: new Scent("req", DateTimeOffset.UnixEpoch, sources[i], ScentPayload.FromBytes(bytes), signal with { Severity = severities[i & 3] }));
    }).ToArray()).ToArray();

    void Unique(int thread, long i)
    {
        var slot = rings[thread][i & 1023];
        Stamp(slot.Bytes, i);
        agent.Intercept(slot.Scent);
    }

    for (var i = 0L; i < QuarantineOptions.DefaultMaxItems; i++)
    {
        Unique(0, i);
    }

    var figures = Measurement.MultiThread(name, threads, (t, i) => Unique(t, i + QuarantineOptions.DefaultMaxItems), duration, warmup / 16);
    figures["quarantine_items"] = agent.Quarantine.Count;
    figures["cores"] = Environment.ProcessorCount;
    figures["payload_bytes"] = 1024;
    Measurement.Print(figures);
}

// Codec choice for the background lane: time and ratio on the same 1 KiB request evidence.
{
    Progress("codec.*");
    var sample = RequestPayload(1024);
    var iterations = quick ? 20_000 : 100_000;
    var target = new byte[4096];
    foreach (var quality in new[] { 1, 4, 6, 9 })
    {
        var written = 0;
        var figures = Measurement.SingleThread($"codec.brotli_q{quality}", _ => BrotliEncoder.TryCompress(sample, target, out written, quality, 22), TimeSpan.FromSeconds(quick ? 0.5 : 2), iterations / 10);
        figures["input_bytes"] = sample.Length;
        figures["output_bytes"] = written;
        figures["ratio"] = Math.Round((double)written / sample.Length, 3);
        Measurement.Print(figures);
    }

    foreach (var level in new[] { CompressionLevel.Fastest, CompressionLevel.Optimal })
    {
        long written = 0;
        var output = new MemoryStream(4096);
        var figures = Measurement.SingleThread($"codec.gzip_{level.ToString().ToLowerInvariant()}", _ =>
        {
            output.SetLength(0);
            using (var gzip = new GZipStream(output, level, leaveOpen: true))
            {
                gzip.Write(sample);
            }

            written = output.Length;
        }, TimeSpan.FromSeconds(quick ? 0.5 : 2), iterations / 10);
        figures["input_bytes"] = sample.Length;
        figures["output_bytes"] = written;
        figures["ratio"] = Math.Round((double)written / sample.Length, 3);
        Measurement.Print(figures);
    }
}
