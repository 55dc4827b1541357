using System.Text.Json;
using Detektr.Tests.TestSupport;

namespace Detektr.Tests.Validation;

/// <summary><c>detektr validate</c> as a user runs it: the real executable, real sandboxes.</summary>
public sealed class ValidateCommandTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private string Spec(string name, string expect) => _directory.File(name, $"""
        name: {Path.GetFileNameWithoutExtension(name)}
        command: [/bin/sh, -c, "uname -a > /dev/null"]
        sandbox:
          timeout: 10
        expect:
        {expect}
        """);

    private Task<CliProcess.Result> Validate(params string[] arguments) =>
        CliProcess.RunAsync(_directory.Path, ["validate", "--rules", ValidationHarness.TestRules, "--runs", "runs", .. arguments]);

    [Fact]
    public async Task A_passing_spec_exits_0_and_prints_the_verdicts_with_their_evidence()
    {
        var spec = Spec("passing.yml", "  fire: [Test Uname Executed]\n  occur:\n    - process: {image: '*/uname'}");

        var result = await Validate(spec);

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.Contains("fires 'Test Uname Executed'", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("pass", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("[spec] seq", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("1 spec(s), 2 expectation(s): 2 passed, 0 failed", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("[1/1] passing (spec): exited", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_expectation_exits_1_and_the_reports_say_which()
    {
        var spec = Spec("failing.yml", "  fire: [Test Uname Executed, Test Never Fires]");

        var result = await Validate(spec, "--junit", "report.xml", "--sarif", "report.sarif", "--json");

        Assert.True(result.ExitCode == 1, result.Stdout + result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.False(json.RootElement.GetProperty("Passed").GetBoolean());
        var verdicts = json.RootElement.GetProperty("Results")[0].GetProperty("Expectations").EnumerateArray()
            .Select(e => (e.GetProperty("Name").GetString(), e.GetProperty("Verdict").GetString()));
        Assert.Equal([("fires 'Test Uname Executed'", "passed"), ("fires 'Test Never Fires'", "failed")], verdicts);
        Assert.Contains("<failure message=\"did not fire on any of the run's", File.ReadAllText(Path.Combine(_directory.Path, "report.xml")), StringComparison.Ordinal);
        using var sarif = JsonDocument.Parse(File.ReadAllText(Path.Combine(_directory.Path, "report.sarif")));
        var sarifResult = Assert.Single(sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray());
        Assert.Equal("DKV001", sarifResult.GetProperty("ruleId").GetString());
    }

    [Fact]
    public async Task A_malformed_spec_exits_2_with_the_line_and_the_problem_and_runs_nothing()
    {
        var good = Spec("good.yml", "  fire: [Test Uname Executed]");
        _directory.File("bad.yml", "name: bad\ncommand: [/bin/true]\nexpect:\n  fire: [Test Uname Executed]\n  ocur: []\n");

        var result = await Validate(_directory.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("bad.yml:5:3: unknown key 'ocur' in expect", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("nothing ran", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_directory.Path, "runs")) && Directory.EnumerateDirectories(Path.Combine(_directory.Path, "runs")).Any(d => File.Exists(Path.Combine(d, "manifest.json"))));
        Assert.True(File.Exists(good));
    }

    [Fact]
    public async Task A_rule_that_no_rule_file_defines_exits_2()
    {
        var spec = Spec("unknown.yml", "  fire: [Test Uname Executd]");

        var result = await Validate(spec);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("unknown.yml:6:10: no rule has the id or title 'Test Uname Executd'", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missing-dir")]
    [InlineData("empty")]
    public async Task No_specs_at_all_exits_2(string path)
    {
        Directory.CreateDirectory(Path.Combine(_directory.Path, "empty"));

        var result = await Validate(path);

        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public async Task Check_only_reads_the_specs_and_runs_nothing()
    {
        var spec = Spec("checked.yml", "  fire: [Test Uname Executed]");

        var result = await Validate(spec, "--check");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("1 spec(s), 1 run(s), 1 expectation(s): all well-formed", result.Stdout, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_directory.Path, "runs")));
    }

    [Fact]
    public async Task A_report_in_a_directory_that_does_not_exist_is_refused_before_anything_runs()
    {
        var spec = Spec("r.yml", "  fire: [Test Uname Executed]");

        var result = await Validate(spec, "--junit", "no/such/dir/report.xml");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--junit: the directory", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_directory.Path, "runs")));
    }

    [Fact]
    public async Task A_parallelism_below_one_is_a_usage_error()
    {
        var spec = Spec("p.yml", "  fire: [Test Uname Executed]");

        Assert.Equal(2, (await Validate(spec, "--parallel", "0")).ExitCode);
    }
}
