using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Tracehound.Benchmarks;

/// <summary>
/// Runs an operation in two passes: an untimed loop for throughput and allocation, then a loop that
/// times every call for the latency distribution (which therefore includes the ~20 ns clock read).
/// </summary>
internal static class Measurement
{
    public static Dictionary<string, object> SingleThread(string name, Action<long> operation, TimeSpan duration, long warmup)
    {
        for (long i = 0; i < warmup; i++)
        {
            operation(i);
        }

        // Throughput and allocation: calls in batches, the clock read once per batch.
        long ops = 0;
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var gcBefore = GC.CollectionCount(0);
        var gen2Before = GC.CollectionCount(2);
        var pauseBefore = GC.GetTotalPauseDuration();
        var start = Stopwatch.GetTimestamp();
        var end = start + (long)(duration.TotalSeconds * Stopwatch.Frequency / 2);
        while (Stopwatch.GetTimestamp() < end)
        {
            for (var i = 0; i < 1000; i++)
            {
                operation(warmup + ops++);
            }
        }

        var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        var gcs = GC.CollectionCount(0) - gcBefore;
        var pausedShare = (GC.GetTotalPauseDuration() - pauseBefore).TotalSeconds / elapsed;

        // Latency: every call timed.
        var samples = new long[Math.Min(ops, 5_000_000)];
        for (var i = 0; i < samples.Length; i++)
        {
            var t0 = Stopwatch.GetTimestamp();
            operation(warmup + ops + i);
            samples[i] = Stopwatch.GetTimestamp() - t0;
        }

        var figures = Result(name, 1, ops / elapsed, samples, (double)allocated / ops, gcs);
        figures["gc_pause_share"] = Math.Round(pausedShare, 3);
        figures["gen2_collections"] = GC.CollectionCount(2) - gen2Before;
        return figures;
    }

    public static Dictionary<string, object> MultiThread(string name, int threads, Action<int, long> operation, TimeSpan duration, long warmup)
    {
        Parallel.For(0, threads, t =>
        {
            for (long i = 0; i < warmup; i++)
            {
                operation(t, i);
            }
        });

        var counts = new long[threads];
        var latencies = new List<long>[threads];
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        using var barrier = new Barrier(threads);
        var stopAt = 0L;
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            var local = new List<long>(1 << 20);
            long n = 0;
            barrier.SignalAndWait();
            if (t == 0)
            {
                Interlocked.Exchange(ref stopAt, Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency));
            }

            while (Volatile.Read(ref stopAt) == 0)
            {
                Thread.SpinWait(10);
            }

            while (Stopwatch.GetTimestamp() < Volatile.Read(ref stopAt))
            {
                for (var i = 0; i < 100; i++)
                {
                    var t0 = Stopwatch.GetTimestamp();
                    operation(t, warmup + n++);
                    if ((n & 7) == 0)
                    {
                        // Every eighth call is timed, so the list stays small under long runs.
                        local.Add(Stopwatch.GetTimestamp() - t0);
                    }
                }
            }

            counts[t] = n;
            latencies[t] = local;
        })).ToArray();

        var start = Stopwatch.GetTimestamp();
        foreach (var w in workers)
        {
            w.Start();
        }

        foreach (var w in workers)
        {
            w.Join();
        }

        var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var total = counts.Sum();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        return Result(name, threads, total / elapsed, [.. latencies.SelectMany(l => l)], (double)allocated / total, -1);
    }

    public static void Print(Dictionary<string, object> figures) => Console.WriteLine(JsonSerializer.Serialize(figures));

    private static Dictionary<string, object> Result(string name, int threads, double opsPerSecond, long[] samples, double allocPerOp, int gen0)
    {
        Array.Sort(samples);
        double Percentile(double p) => samples.Length == 0 ? 0 : samples[Math.Min(samples.Length - 1, (int)(p * samples.Length))] * 1e9 / Stopwatch.Frequency;
        var figures = new Dictionary<string, object>
        {
            ["bench"] = name,
            ["threads"] = threads,
            ["ops_per_sec"] = Math.Round(opsPerSecond),
            ["ns_per_op"] = Math.Round(1e9 / opsPerSecond * threads, 1),
            ["p50_ns"] = Math.Round(Percentile(0.50)),
            ["p99_ns"] = Math.Round(Percentile(0.99)),
            ["p999_ns"] = Math.Round(Percentile(0.999)),
            ["alloc_bytes_per_op"] = Math.Round(allocPerOp, 1),
            ["latency_samples"] = samples.Length,
        };
        if (gen0 >= 0)
        {
            figures["gen0_collections"] = gen0;
        }

        return figures;
    }

    public static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
