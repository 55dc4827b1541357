using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Detektr.Sigma.Benchmarks;
using Detektr.Sigma.Events;
using Detektr.Sigma.Loading;
using Detektr.Sigma.Matching;
using Detektr.Sigma.Rules;

// Sigma engine benchmarks: evaluation throughput on a 100-rule set (single thread), loading 2,000
// rule files, and JSON lines end to end. One JSON object per line on stdout; progress on stderr.
bool quick = args.Contains("--quick");
TimeSpan measure = quick ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(10);
int loadRounds = quick ? 2 : 5;

Thread.CurrentThread.Priority = ThreadPriority.Highest;

// 1. Loading 2,000 rule files from disk (parse, compile, map), then building the set; first, so that
// the first round is a truly cold start (nothing of the parser or the engine compiled yet).
Report(LoadBench(2_000, loadRounds));

// 2. Every event evaluated by every rule: 100 process_creation rules over process_creation events.
SigmaLoadResult processRules = LoadGenerated(100, processOnly: true);
SigmaEvent[] processEvents = EventGenerator.ToEvents(EventGenerator.ProcessEvents(10_000));
Report(MatchBench("sigma.match.process_creation", processRules, processEvents, measure, rulesPerEvent: 100));

// 3. A mixed rule set over mixed events: each event meets only the rules of its type.
SigmaLoadResult mixedRules = LoadGenerated(100, processOnly: false);
SigmaEvent[] mixedEvents = EventGenerator.ToEvents(EventGenerator.MixedEvents(10_000));
Report(MatchBench("sigma.match.mixed", mixedRules, mixedEvents, measure, rulesPerEvent: null));

// 4. JSON lines end to end: parse each line into an event and evaluate the 100-rule set.
Report(JsonLinesBench(processRules.Compile(), EventGenerator.ProcessEvents(quick ? 10_000 : 50_000), quick ? 1 : 5));

static SigmaLoadResult LoadGenerated(int count, bool processOnly)
{
    var yaml = new StringBuilder();
    for (int i = 0; i < count; i++)
    {
        yaml.Append(RuleGenerator.Rule(i, processOnly)).Append("---\n");
    }

    SigmaLoadResult result = SigmaRuleLoader.LoadYaml(yaml.ToString(), "generated.yml");
    if (result.Skipped.Count > 0 || result.Rules.Count != count)
    {
        throw new InvalidOperationException("generated rules did not all load: " + string.Join("; ", result.Skipped.Take(5)));
    }

    return result;
}

static Dictionary<string, object?> MatchBench(string name, SigmaLoadResult rules, SigmaEvent[] events, TimeSpan duration, int? rulesPerEvent)
{
    Console.Error.WriteLine($"{name}: {rules.Rules.Count} rules, {events.Length} events, {duration.TotalSeconds:0}s");
    CompiledRuleSet set = rules.Compile();
    var matches = new List<SigmaRule>(capacity: 128);
    long evaluationsPerPass = 0;
    foreach (SigmaEvent evt in events)
    {
        evaluationsPerPass += set.Rules.Count(r => r.EventType == ((evt.TryGetField("EventType", out SigmaValue t) ? t.Text : null) ?? string.Empty));
    }

    // Warm-up: lets tiered compilation settle before measuring.
    long matched = 0;
    var warm = Stopwatch.StartNew();
    while (warm.Elapsed < TimeSpan.FromSeconds(0.3))
    {
        foreach (SigmaEvent evt in events)
        {
            matches.Clear();
            matched += set.Match(evt, matches);
        }
    }

    matched = 0;
    var samples = new List<long>(capacity: 1 << 20);
    long passes = 0;
    long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
    TimeSpan cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
    var total = Stopwatch.StartNew();
    while (total.Elapsed < duration)
    {
        foreach (SigmaEvent evt in events)
        {
            long start = Stopwatch.GetTimestamp();
            matches.Clear();
            matched += set.Match(evt, matches);
            samples.Add(Stopwatch.GetTimestamp() - start);
        }

        passes++;
    }

    total.Stop();
    double cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
    long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
    long evaluations = passes * evaluationsPerPass;
    long eventCount = passes * events.Length;
    samples.Sort();
    return new Dictionary<string, object?>
    {
        ["bench"] = name,
        ["rules"] = set.Rules.Count,
        ["rules_per_event"] = rulesPerEvent ?? (double)evaluationsPerPass / events.Length,
        ["ops_per_sec"] = Math.Round(evaluations / total.Elapsed.TotalSeconds),
        ["events_per_sec"] = Math.Round(eventCount / total.Elapsed.TotalSeconds),

        // Per second of CPU the process used (all its threads), which a busy machine does not skew.
        ["ops_per_cpu_sec"] = Math.Round(evaluations / cpuSeconds),
        ["p50_ns"] = TicksToNs(samples[samples.Count / 2]),
        ["p99_ns"] = TicksToNs(samples[(int)(samples.Count * 0.99)]),
        ["p999_ns"] = TicksToNs(samples[(int)(samples.Count * 0.999)]),
        ["alloc_bytes_per_op"] = Math.Round((double)allocated / evaluations, 3),
        ["matches_per_event"] = Math.Round((double)matched / (eventCount + (matched > 0 ? 0 : 1)), 3),
        ["target_ops_per_sec"] = rulesPerEvent is null ? null : 1_000_000,
    };
}

static Dictionary<string, object?> LoadBench(int count, int rounds)
{
    Console.Error.WriteLine($"sigma.load: {count} rule files, {rounds} rounds");
    string directory = Path.Combine(Path.GetTempPath(), "detektr-sigma-bench-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
    Directory.CreateDirectory(directory);
    try
    {
        for (int i = 0; i < count; i++)
        {
            string sub = Path.Combine(directory, (i % 20).ToString("00", CultureInfo.InvariantCulture));
            Directory.CreateDirectory(sub);
            File.WriteAllText(Path.Combine(sub, $"rule_{i:0000}.yml"), RuleGenerator.Rule(i, processOnly: false));
        }

        var times = new List<double>();
        var cpuTimes = new List<double>();
        int loaded = 0;
        for (int round = 0; round < rounds; round++)
        {
            TimeSpan cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            SigmaLoadResult result = SigmaRuleLoader.LoadDirectory(directory);
            CompiledRuleSet set = result.Compile();
            watch.Stop();
            times.Add(watch.Elapsed.TotalMilliseconds);
            cpuTimes.Add((Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds);
            loaded = set.Rules.Count;
            if (result.Skipped.Count > 0)
            {
                throw new InvalidOperationException("generated rules did not all load: " + string.Join("; ", result.Skipped.Take(5)));
            }
        }

        return new Dictionary<string, object?>
        {
            ["bench"] = "sigma.load",
            ["rules"] = loaded,
            ["cold_ms"] = Math.Round(times[0], 1),
            ["warm_ms"] = Math.Round(times.Skip(1).DefaultIfEmpty(times[0]).Min(), 1),

            // CPU time of all threads (files parse in parallel), which a busy machine does not inflate.
            ["cold_cpu_ms"] = Math.Round(cpuTimes[0], 1),
            ["warm_cpu_ms"] = Math.Round(cpuTimes.Skip(1).DefaultIfEmpty(cpuTimes[0]).Min(), 1),
            ["rules_per_sec"] = Math.Round(loaded / (times[0] / 1000)),
            ["target_ms"] = 2000,
        };
    }
    finally
    {
        Directory.Delete(directory, recursive: true);
    }
}

static Dictionary<string, object?> JsonLinesBench(CompiledRuleSet set, List<Dictionary<string, object?>> events, int rounds)
{
    Console.Error.WriteLine($"sigma.jsonl: {events.Count} lines, {rounds} rounds");
    string text = string.Join('\n', events.Select(e => JsonSerializer.Serialize(e)));
    double best = double.MaxValue;
    int fired = 0;
    for (int round = 0; round < rounds; round++)
    {
        var watch = Stopwatch.StartNew();
        SigmaStreamResult result = SigmaStreamEvaluator.EvaluateJsonLines(set, new StringReader(text));
        watch.Stop();
        best = Math.Min(best, watch.Elapsed.TotalSeconds);
        fired = result.Fired.Count();
    }

    return new Dictionary<string, object?>
    {
        ["bench"] = "sigma.jsonl",
        ["rules"] = set.Rules.Count,
        ["events_per_sec"] = Math.Round(events.Count / best),
        ["ops_per_sec"] = Math.Round(events.Count * (double)set.Rules.Count / best),
        ["rules_fired"] = fired,
    };
}

static double TicksToNs(long ticks) => Math.Round(ticks * 1e9 / Stopwatch.Frequency);

static void Report(Dictionary<string, object?> figures) => Console.WriteLine(JsonSerializer.Serialize(figures));
