using System.Globalization;
using System.Text.Json;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Microsoft.Extensions.Logging;
using Perfolizer.Horology;
using Tracehound.AspNetCore.Benchmarks;
using Tracehound.Samples.Api;

// Tracehound ASP.NET Core benchmarks: JSON lines on stdout, progress on stderr.
//   dotnet bench/Tracehound.AspNetCore.Benchmarks/bin/Release/net10.0/Tracehound.AspNetCore.Benchmarks.dll [--quick] [--skip-wrk]
var quick = args.Contains("--quick");
var skipWrk = args.Contains("--skip-wrk");

void Emit(object line) => Console.WriteLine(JsonSerializer.Serialize(line));
void Progress(string text) => Console.Error.WriteLine($"[tracehound.aspnetcore] {text}");

// 1. The middleware itself (BenchmarkDotNet, in process, memory diagnoser).
{
    Progress("middleware: BenchmarkDotNet with the memory diagnoser");
    // Fixed iteration counts bound the run time on a noisy machine (BenchmarkDotNet's default adapts up to 100 iterations).
    var job = Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithLaunchCount(1);
    job = quick
        ? job.WithWarmupCount(2).WithIterationCount(5).WithIterationTime(TimeInterval.FromMilliseconds(100))
        : job.WithWarmupCount(6).WithIterationCount(30).WithIterationTime(TimeInterval.FromMilliseconds(250));

    var config = ManualConfig.CreateEmpty()
        .AddJob(job)
        .AddDiagnoser(MemoryDiagnoser.Default)
        .AddLogger(new StderrLogger())
        .AddColumnProvider(BenchmarkDotNet.Columns.DefaultColumnProviders.Instance)
        .WithArtifactsPath(Path.Combine(Path.GetTempPath(), "tracehound-aspnetcore-bdn"))
        .WithOptions(ConfigOptions.DisableLogFile | ConfigOptions.JoinSummary);
    var summary = BenchmarkRunner.Run<MiddlewareBenchmarks>(config);

    var figures = new Dictionary<string, (double MeanNs, double P50Ns, double P95Ns, long Alloc)>();
    foreach (var report in summary.Reports)
    {
        if (report.ResultStatistics is not { } stats)
        {
            continue;
        }

        var name = report.BenchmarkCase.Descriptor.WorkloadMethod.Name;
        var alloc = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) ?? -1;
        figures[name] = (stats.Mean, stats.Percentiles.P50, stats.Percentiles.P95, alloc);
        Emit(new Dictionary<string, object>
        {
            ["bench"] = "aspnetcore.middleware." + name switch
            {
                "GetBare" => "get_bare",
                "GetWithTracehound" => "get_tracehound",
                "PostBare" => "post_1k_bare",
                _ => "post_1k_tracehound",
            },
            ["ops_per_sec"] = Math.Round(1e9 / stats.Mean),
            ["mean_ns"] = Math.Round(stats.Mean, 1),
            ["p50_ns"] = Math.Round(stats.Percentiles.P50, 1),
            ["p95_ns"] = Math.Round(stats.Percentiles.P95, 1),
            ["alloc_bytes_per_op"] = alloc,
        });
    }

    foreach (var (kind, bare, withTracehound) in new[] { ("get", "GetBare", "GetWithTracehound"), ("post_1k", "PostBare", "PostWithTracehound") })
    {
        if (figures.TryGetValue(bare, out var b) && figures.TryGetValue(withTracehound, out var t))
        {
            var added = t.MeanNs - b.MeanNs;
            Emit(new Dictionary<string, object>
            {
                ["bench"] = $"aspnetcore.middleware.{kind}_added",
                ["added_ns"] = Math.Round(added, 1),
                ["alloc_bytes_per_op"] = t.Alloc - b.Alloc,
                ["target_ns"] = 1000,
                ["target_alloc_bytes"] = 0,
                ["met"] = added <= 1000 && t.Alloc - b.Alloc <= 0,
            });
        }
    }
}

// 2. The sample API under wrk, bare and protected, alternating rounds in one run.
if (!skipWrk)
{
    Progress("wrk: sample API bare vs with Tracehound");
    SampleApiOptions Options(bool tracehound)
    {
        var options = new SampleApiOptions { Url = "http://127.0.0.1:0", EnableTracehound = tracehound, ConfigureLogging = l => l.ClearProviders() };
        // Clean traffic from one source: a limit it never reaches, so every request takes the clean path.
        options.Configuration["Tracehound:RateLimit:MaxRequests"] = int.MaxValue.ToString(CultureInfo.InvariantCulture);
        options.Configuration["Tracehound:RateLimit:Window"] = "1.00:00:00";
        return options;
    }

    await using var bare = await SampleApi.StartAsync(Options(tracehound: false));
    await using var protectedApi = await SampleApi.StartAsync(Options(tracehound: true));
    var target = "api/products";
    var bareUrl = new Uri(bare.BaseAddress, target);
    var protectedUrl = new Uri(protectedApi.BaseAddress, target);
    // Many short alternating rounds: on a shared two-core machine single runs swing by ±20%, and the median
    // of the paired ratios (each round runs both sides back to back) is what stays comparable.
    var rounds = quick ? 2 : 10;
    var duration = TimeSpan.FromSeconds(quick ? 2 : 5);
    const int Threads = 1;
    const int Connections = 16;

    var warmupRun = TimeSpan.FromSeconds(quick ? 1 : 2);
    await WrkRun.RunAsync(bareUrl, Threads, Connections, warmupRun);
    await WrkRun.RunAsync(protectedUrl, Threads, Connections, warmupRun);
    var bareRuns = new List<WrkRun>();
    var protectedRuns = new List<WrkRun>();
    var pairedRatios = new List<double>();
    for (var round = 0; round < rounds; round++)
    {
        // Alternate the order each round so drift (thermal, other load) hits both sides alike.
        var first = round % 2 == 0;
        for (var side = 0; side < 2; side++)
        {
            var isBare = (side == 0) == first;
            var run = await WrkRun.RunAsync(isBare ? bareUrl : protectedUrl, Threads, Connections, duration);
            (isBare ? bareRuns : protectedRuns).Add(run);
            Progress($"round {round + 1}/{rounds} {(isBare ? "bare" : "tracehound")}: {run.RequestsPerSecond:F0} req/s");
        }

        pairedRatios.Add(protectedRuns[^1].RequestsPerSecond / bareRuns[^1].RequestsPerSecond);
    }

    static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    void EmitSide(string name, List<WrkRun> runs) => Emit(new Dictionary<string, object>
    {
        ["bench"] = name,
        ["requests_per_sec"] = Math.Round(Median(runs.Select(r => r.RequestsPerSecond))),
        ["p50_ms"] = Math.Round(Median(runs.Select(r => r.P50Ms)), 3),
        ["p99_ms"] = Math.Round(Median(runs.Select(r => r.P99Ms)), 3),
        ["requests"] = runs.Sum(r => r.Requests),
        ["errors"] = runs.Sum(r => r.Errors),
        ["rounds"] = runs.Count,
        ["connections"] = Connections,
        ["duration_s"] = duration.TotalSeconds,
    });

    EmitSide("aspnetcore.wrk.bare", bareRuns);
    EmitSide("aspnetcore.wrk.tracehound", protectedRuns);
    var ratio = Median(pairedRatios);
    Emit(new Dictionary<string, object>
    {
        ["bench"] = "aspnetcore.wrk.ratio",
        ["ratio"] = Math.Round(ratio, 4),
        ["ratio_of_totals"] = Math.Round(protectedRuns.Sum(r => (double)r.Requests) / bareRuns.Sum(r => (double)r.Requests), 4),
        ["paired_ratio_min"] = Math.Round(pairedRatios.Min(), 4),
        ["paired_ratio_max"] = Math.Round(pairedRatios.Max(), 4),
        ["target"] = 0.97,
        ["met"] = ratio >= 0.97,
    });
}
