using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Detektr.Detonation;

namespace Detektr.Benchmarks;

/// <summary>Detektr's figures: end-to-end detonation of /bin/true with the sensor (target: median at most
/// 100 ms), the sandbox's own overhead without a sensor (target: at most 30 ms over spawning /bin/true
/// directly), the detektr executable end to end, and how much the strace sensor slows syscall-heavy
/// workloads, and <c>detektr validate</c> of the bundled validation library (target: within 2 minutes on
/// 2 cores). One JSON object per line on stdout; progress on stderr. <c>--quick</c> keeps it under a
/// minute.</summary>
internal static class Program
{
    private const double EndToEndTargetMs = 100;
    private const double SandboxOverheadTargetMs = 30;

    public static async Task<int> Main(string[] args)
    {
        var quick = args.Contains("--quick");
        var iterations = quick ? 12 : 40;
        var store = Path.Combine(Path.GetTempPath(), "detektr-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(store);
        try
        {
            using var detonator = new Detonator(new DetonatorOptions { RunsDirectory = store, KeepRawTrace = false });
            Progress($"load average {File.ReadAllText("/proc/loadavg").Trim()}");

            var direct = await Measure("direct spawn of /bin/true", iterations, () => Task.FromResult(SpawnTrue())).ConfigureAwait(false);
            var bareSandbox = new Samples();
            var bare = await Measure("sandbox without sensor", iterations, async () =>
                await TimeRunAsync(detonator, DetonationRequest.ForCommand("/bin/true") with { Sensor = SensorKind.None }, bareSandbox).ConfigureAwait(false)).ConfigureAwait(false);
            var fullSandbox = new Samples();
            var full = await Measure("sandbox with strace sensor", iterations, async () =>
                await TimeRunAsync(detonator, DetonationRequest.ForCommand("/bin/true"), fullSandbox).ConfigureAwait(false)).ConfigureAwait(false);

            Emit(direct.Summary("detektr.direct_spawn.true"));
            // The sandbox's overhead is its own phase (manifest SandboxMilliseconds: from launching the
            // chain to the end of its last process) against spawning /bin/true directly; the whole
            // detonation call, with preparing the layer and writing the run directory and ledger, is
            // reported beside it (p50_ms, detonation_overhead_p50_ms).
            var overhead = bare.Summary("detektr.sandbox_no_sensor.true");
            overhead["sandbox_phase_p50_ms"] = Samples.Round(bareSandbox.Median);
            overhead["overhead_p50_ms"] = Samples.Round(bareSandbox.Median - direct.Median);
            overhead["detonation_overhead_p50_ms"] = Samples.Round(bare.Median - direct.Median);
            overhead["target_overhead_ms"] = SandboxOverheadTargetMs;
            overhead["meets_target"] = bareSandbox.Median - direct.Median <= SandboxOverheadTargetMs;
            Emit(overhead);
            var endToEnd = full.Summary("detektr.run.true");
            endToEnd["sandbox_phase_p50_ms"] = Samples.Round(fullSandbox.Median);
            endToEnd["target_p50_ms"] = EndToEndTargetMs;
            endToEnd["meets_target"] = full.Median <= EndToEndTargetMs;
            Emit(endToEnd);

            // Its own store: the detonator above holds its store's ledger open for writing.
            var cli = Path.Combine(AppContext.BaseDirectory, "detektr.dll");
            var cliStore = Path.Combine(store, "cli");
            var cliRuns = await Measure("detektr executable (dotnet startup included)", quick ? 5 : 15, () => Task.FromResult(SpawnCli(cli, cliStore))).ConfigureAwait(false);
            Emit(cliRuns.Summary("detektr.cli.true"));

            var scale = quick ? 1 : 4;
            await Slowdown(detonator, store, "open_create", 1500 * scale,
                "i=0; while [ $i -lt {N} ]; do : > /tmp/f; i=$((i+1)); done").ConfigureAwait(false);
            await Slowdown(detonator, store, "read_write_untraced", 100_000 * scale,
                "dd if=/dev/zero of=/dev/null bs=1 count={N} 2>/dev/null").ConfigureAwait(false);
            await Slowdown(detonator, store, "fork_exec", 60 * scale,
                "i=0; while [ $i -lt {N} ]; do /bin/true; i=$((i+1)); done").ConfigureAwait(false);
            await ValidateBenchmark.RunAsync(quick).ConfigureAwait(false);
            return 0;
        }
        finally
        {
            Directory.Delete(store, recursive: true);
        }
    }

    private static async Task<Samples> Measure(string what, int iterations, Func<Task<double>> once)
    {
        await once().ConfigureAwait(false);
        var samples = new Samples();
        for (var i = 0; i < iterations; i++)
        {
            samples.Add(await once().ConfigureAwait(false));
        }

        Progress($"{what}: {samples}");
        return samples;
    }

    private static async Task<double> TimeRunAsync(Detonator detonator, DetonationRequest request, Samples sandboxPhase)
    {
        var started = Stopwatch.GetTimestamp();
        var run = await detonator.RunAsync(request).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        sandboxPhase.Add(run.Manifest.SandboxMilliseconds);
        Directory.Delete(run.Directory, recursive: true);
        return elapsed;
    }

    private static double SpawnTrue()
    {
        var started = Stopwatch.GetTimestamp();
        using var process = Process.Start(new ProcessStartInfo("/bin/true") { UseShellExecute = false })!;
        process.WaitForExit();
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private static double SpawnCli(string cli, string store)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { cli, "run", "--json", "--runs", store, "--", "/bin/true" })
        {
            start.ArgumentList.Add(argument);
        }

        var started = Stopwatch.GetTimestamp();
        using var process = Process.Start(start)!;
        process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"detektr run failed with exit code {process.ExitCode}");
        }

        return elapsed;
    }

    /// <summary>Runs a self-timed workload in the sandbox without and with the sensor; the workload measures
    /// itself so the sandbox's set-up does not dilute the ratio.</summary>
    private static async Task Slowdown(Detonator detonator, string store, string name, int operations, string loop)
    {
        var script = $"s=$(date +%s%N); {loop.Replace("{N}", operations.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)}; e=$(date +%s%N); echo $(( (e - s) / 1000 ))";
        async Task<double> Once(SensorKind sensor)
        {
            var run = await detonator.RunAsync(DetonationRequest.ForCommand("/bin/sh", "-c", script) with
            {
                Sensor = sensor,
                Limits = new Limits.RunLimits { WallTime = TimeSpan.FromMinutes(5), Cpus = null },
            }).ConfigureAwait(false);
            var micros = double.Parse((await File.ReadAllTextAsync(Path.Combine(run.Directory, "stdout.txt")).ConfigureAwait(false)).Trim(), CultureInfo.InvariantCulture);
            Directory.Delete(run.Directory, recursive: true);
            return micros / 1000;
        }

        var untraced = new Samples();
        var traced = new Samples();
        for (var i = 0; i < 3; i++)
        {
            untraced.Add(await Once(SensorKind.None).ConfigureAwait(false));
            traced.Add(await Once(SensorKind.Strace).ConfigureAwait(false));
        }

        Progress($"{name}: untraced {untraced}, traced {traced}");
        _ = store;
        Emit(new Dictionary<string, object>
        {
            ["bench"] = $"detektr.strace_slowdown.{name}",
            ["operations"] = operations,
            ["untraced_ms"] = Samples.Round(untraced.Median),
            ["traced_ms"] = Samples.Round(traced.Median),
            ["slowdown"] = Math.Round(traced.Median / untraced.Median, 2),
            ["untraced_us_per_op"] = Math.Round(untraced.Median * 1000 / operations, 3),
            ["traced_us_per_op"] = Math.Round(traced.Median * 1000 / operations, 3),
        });
    }

    private static void Emit(Dictionary<string, object> fields) => Console.Out.WriteLine(JsonSerializer.Serialize(fields));

    private static void Progress(string message) => Console.Error.WriteLine($"detektr bench: {message}");
}
