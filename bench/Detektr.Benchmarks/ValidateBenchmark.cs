using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Detektr.Benchmarks;

/// <summary><c>detektr validate</c> of the bundled library in <c>validations/</c>, as CI runs it: the
/// executable end to end (.NET start-up included), every spec and mitigation variant in sandboxes, in
/// parallel up to the core count. Target: within 2 minutes on 2 cores. Emits the whole run and one line
/// per spec. <c>--quick</c> runs the library once instead of three times (the median is reported).</summary>
internal static class ValidateBenchmark
{
    private const double TargetSeconds = 120;

    public static async Task RunAsync(bool quick)
    {
        var library = Path.Combine(RepositoryRoot(), "validations");
        var cli = Path.Combine(AppContext.BaseDirectory, "detektr.dll");
        var iterations = quick ? 1 : 3;
        var runs = new List<(double WallSeconds, JsonDocument Report)>();
        try
        {
            for (var i = 0; i < iterations; i++)
            {
                runs.Add(await ValidateOnceAsync(cli, library).ConfigureAwait(false));
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"detektr bench: validate {library}: {runs[^1].WallSeconds:0.00} s ({i + 1}/{iterations})"));
            }

            var median = runs.OrderBy(r => r.WallSeconds).ElementAt(runs.Count / 2);
            var root = median.Report.RootElement;
            var specs = root.GetProperty("Results").EnumerateArray().ToList();
            Emit(new Dictionary<string, object>
            {
                ["bench"] = "detektr.validate.library",
                ["iterations"] = iterations,
                ["quick"] = quick,
                ["specs"] = root.GetProperty("Specs").GetInt32(),
                ["runs"] = specs.Sum(s => s.GetProperty("Runs").GetArrayLength()),
                ["expectations"] = root.GetProperty("Expectations").GetInt32(),
                ["passed"] = root.GetProperty("Passed").GetBoolean(),
                ["parallelism"] = root.GetProperty("Parallelism").GetInt32(),
                ["cores"] = Environment.ProcessorCount,
                ["wall_s"] = Math.Round(median.WallSeconds, 2),
                ["wall_max_s"] = Math.Round(runs.Max(r => r.WallSeconds), 2),
                ["validation_s"] = Math.Round(root.GetProperty("Seconds").GetDouble(), 2),
                ["target_s"] = TargetSeconds,
                ["meets_target"] = median.WallSeconds <= TargetSeconds,
            });
            foreach (var spec in specs)
            {
                var specRuns = spec.GetProperty("Runs").EnumerateArray().ToList();
                Emit(new Dictionary<string, object>
                {
                    ["bench"] = "detektr.validate.spec",
                    ["spec"] = spec.GetProperty("Name").GetString()!,
                    ["runs"] = specRuns.Count,
                    ["expectations"] = spec.GetProperty("Expectations").GetArrayLength(),
                    ["passed"] = spec.GetProperty("Passed").GetBoolean(),
                    ["seconds"] = Math.Round(spec.GetProperty("Seconds").GetDouble(), 3),
                    ["run_seconds"] = specRuns.Select(r => Math.Round(r.GetProperty("Seconds").GetDouble(), 3)).ToArray(),
                });
            }
        }
        finally
        {
            foreach (var (_, report) in runs)
            {
                report.Dispose();
            }
        }
    }

    private static async Task<(double, JsonDocument)> ValidateOnceAsync(string cli, string library)
    {
        var store = Path.Combine(Path.GetTempPath(), "detektr-bench-validate-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(store);
        try
        {
            var start = new ProcessStartInfo("dotnet")
            {
                UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = store,
            };
            foreach (var argument in new[] { cli, "validate", library, "--runs", Path.Combine(store, "runs"), "--json" })
            {
                start.ArgumentList.Add(argument);
            }

            var started = Stopwatch.GetTimestamp();
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().ConfigureAwait(false);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
            if (process.ExitCode is not (0 or 1))
            {
                throw new InvalidOperationException($"detektr validate exited with {process.ExitCode}: {await stderr.ConfigureAwait(false)}");
            }

            return (elapsed, JsonDocument.Parse(await stdout.ConfigureAwait(false)));
        }
        finally
        {
            Directory.Delete(store, recursive: true);
        }
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (Directory.Exists(Path.Combine(directory.FullName, "validations")) && File.Exists(Path.Combine(directory.FullName, "Tracehound.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no repository with validations/ above {AppContext.BaseDirectory}");
    }

    private static void Emit(Dictionary<string, object> fields) => Console.Out.WriteLine(JsonSerializer.Serialize(fields));
}
