using System.Text.Json;
using Detektr.Tests.TestSupport;
using Detektr.Validation;

namespace Detektr.Tests.Sigma;

/// <summary><c>detektr sigma check</c> and <c>detektr sigma match</c> through the real executable.</summary>
public sealed class SigmaCommandTests : IDisposable
{
    private static readonly string Data = Path.Combine(AppContext.BaseDirectory, "Sigma", "Data");
    private readonly TemporaryDirectory _store = new();

    public void Dispose() => _store.Dispose();

    private static Task<CliProcess.Result> Detektr(params string[] arguments) => CliProcess.RunAsync(Data, arguments);

    [Fact]
    public async Task Check_of_loadable_rules_lists_them_and_exits_0()
    {
        var result = await Detektr("sigma", "check", "--rules", "rules");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("3 file(s): 3 rule(s) loaded, 0 skipped, 0 warning(s)", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Curl Download", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_reports_each_unsupported_rule_with_its_file_line_and_reason_and_exits_1()
    {
        var result = await Detektr("sigma", "check", "--rules", "unsupported");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("skipped unsupported/aggregation.yml:9:5: UnsupportedFeature:", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("skipped unsupported/unknown_modifier.yml:8:9: UnsupportedFeature: 'CommandLine': unknown modifier 'containz'", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("skipped unsupported/windows.yml:4:5: UnmappedLogsource:", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("4 file(s): 1 rule(s) loaded, 3 skipped", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_as_JSON_lists_loaded_and_skipped_rules_with_every_problem()
    {
        var result = await Detektr("sigma", "check", "--rules", "unsupported", "--json");

        Assert.Equal(1, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal("Loads Fine", Assert.Single(json.RootElement.GetProperty("Loaded").EnumerateArray()).GetProperty("Title").GetString());
        var skipped = json.RootElement.GetProperty("Skipped").EnumerateArray().ToDictionary(s => s.GetProperty("Title").GetString()!);
        Assert.Equal(["Many Curls", "Misspelt Modifier", "Windows Only"], skipped.Keys.Order());
        Assert.Equal("UnsupportedFeature", skipped["Many Curls"].GetProperty("Kind").GetString());
        Assert.EndsWith("aggregation.yml:1:1", skipped["Many Curls"].GetProperty("Source").GetString(), StringComparison.Ordinal);
        Assert.Contains(skipped["Many Curls"].GetProperty("Problems").EnumerateArray(),
            p => p.GetProperty("Source").GetString()!.EndsWith("aggregation.yml:9:5", StringComparison.Ordinal));
        Assert.Equal("7c1d2e3f-0000-4000-8000-00000000b003", skipped["Windows Only"].GetProperty("Id").GetString());
    }

    [Theory]
    [InlineData("no-such-rules")]
    [InlineData("empty-rules")]
    public async Task Check_without_rule_files_is_a_usage_error(string path)
    {
        Directory.CreateDirectory(Path.Combine(_store.Path, "empty-rules"));

        var result = await CliProcess.RunAsync(_store.Path, ["sigma", "check", "--rules", path]);

        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public async Task Match_lists_each_rule_with_the_sequences_it_matched_and_exits_0_whether_or_not_rules_fired()
    {
        var result = await Detektr("sigma", "match", "--rules", "rules", "--events", "events.jsonl", "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal(4, json.RootElement.GetProperty("Events").GetInt32());
        var fired = json.RootElement.GetProperty("Fired").EnumerateArray()
            .Select(f => (f.GetProperty("RuleId").GetString(), f.GetProperty("Title").GetString(), f.GetProperty("Level").GetString(),
                string.Join(',', f.GetProperty("Sequences").EnumerateArray().Select(s => s.GetInt64()))))
            .ToList();
        Assert.Equal(
            [
                ("7c1d2e3f-0000-4000-8000-00000000a001", "Curl Download", "medium", "2,4"),
                ("7c1d2e3f-0000-4000-8000-00000000a002", "Shadow Read", "high", "3"),
            ],
            fired);
        Assert.Equal("Never Seen", Assert.Single(json.RootElement.GetProperty("NotFired").EnumerateArray()).GetProperty("Title").GetString());
        Assert.False(File.Exists(Path.Combine(Data, DetectionsLog.FileName)));

        var table = await Detektr("sigma", "match", "--rules", "rules", "--events", "events.jsonl");
        Assert.Equal(0, table.ExitCode);
        Assert.Contains("4 event(s), 3 rule(s), 2 fired, 3 match(es)", table.Stdout, StringComparison.Ordinal);

        var silent = await Detektr("sigma", "match", "--rules", "rules/silent.yml", "--events", "events.jsonl");
        Assert.Equal(0, silent.ExitCode);
        Assert.Contains("0 fired", silent.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Match_over_a_run_directory_writes_the_runs_detections()
    {
        // The shell's own command line must not name the file, so that only cat matches.
        var run = await Sandboxes.RunShellAsync(_store, "f=/etc/sha; cat ${f}dow > /dev/null");

        var result = await CliProcess.RunAsync(_store.Path, ["sigma", "match", "--rules", Path.Combine(Data, "rules"), "--events", run.Directory]);

        Assert.Equal(0, result.ExitCode);
        var detection = Assert.Single(DetectionsLog.ReadAll(run.Directory));
        var cat = run.Events.OfType<Detektr.Events.ProcessCreationEvent>().Single(e => e.Image.EndsWith("/cat", StringComparison.Ordinal));
        Assert.Equal((run.RunId.Value, "7c1d2e3f-0000-4000-8000-00000000a002", "Shadow Read", "high", cat.Sequence.Value),
            (detection.RunId, detection.RuleId, detection.Title, detection.Level, detection.Sequence));
        Assert.Contains($"wrote {Path.Combine(run.Directory, DetectionsLog.FileName)}", result.Stdout.ReplaceLineEndings(""), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Match_over_events_with_unreadable_lines_names_them_and_exits_1()
    {
        var result = await Detektr("sigma", "match", "--rules", "rules", "--events", "malformed-events.jsonl");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("line 2", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("1 event(s), 3 rule(s), 1 fired", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--events", "no-such-events.jsonl")]
    [InlineData("--rules", "no-such-rules")]
    public async Task Match_with_a_missing_input_is_a_usage_error(string option, string value)
    {
        string[] arguments = option == "--events"
            ? ["sigma", "match", "--rules", "rules", "--events", value]
            : ["sigma", "match", "--rules", value, "--events", "events.jsonl"];

        var result = await Detektr(arguments);

        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public async Task Match_without_its_options_is_a_usage_error()
    {
        var result = await Detektr("sigma", "match", "--rules", "rules");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--events", result.Stderr, StringComparison.Ordinal);
    }
}
