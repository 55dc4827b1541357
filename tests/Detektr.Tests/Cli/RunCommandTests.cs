using Detektr.Runs;
using Detektr.Tests.TestSupport;

namespace Detektr.Tests.Cli;

public sealed class RunCommandTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private Task<CliProcess.Result> Detektr(params string[] arguments) => CliProcess.RunAsync(_directory.Path, arguments);

    private string SingleRun() =>
        Assert.Single(Directory.GetDirectories(Path.Combine(_directory.Path, "runs")), d => File.Exists(Path.Combine(d, "manifest.json")));

    [Fact]
    public async Task A_missing_artifact_exits_2_with_a_clear_message()
    {
        var result = await Detektr("run", "nowhere.sh");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("artifact 'nowhere.sh' does not exist", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_directory.Path, "runs")) && Directory.EnumerateDirectories(Path.Combine(_directory.Path, "runs")).Any());
    }

    [Fact]
    public async Task An_unknown_type_exits_2_and_suggests_the_type_option()
    {
        _directory.File("blob.bin", "\u0001\u0002\u0003 not a script");

        var result = await Detektr("run", "blob.bin");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("cannot tell how to run 'blob.bin'", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("--type", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreadable_artifact_exits_2()
    {
        var script = _directory.Script("secret.sh", "#!/bin/sh\necho hi\n");
        File.SetUnixFileMode(script, UnixFileMode.None);

        // Root reads anything; without the DAC capabilities it cannot, as for an ordinary user.
        var result = await CliProcess.RunAsync(_directory.Path, ["run", script], "setpriv",
            ["--inh-caps=-dac_override,-dac_read_search", "--bounding-set=-dac_override,-dac_read_search"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("cannot read", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("run", "--no-such-option", "--", "/bin/true")]
    [InlineData("run")]
    [InlineData("run", "--memory", "lots", "--", "/bin/true")]
    [InlineData("run", "--network", "internet", "--", "/bin/true")]
    [InlineData("run", "--deny-syscall", "no_such_call", "--", "/bin/true")]
    [InlineData("run", "--timeout", "-3", "--", "/bin/true")]
    [InlineData("run", "--env", "NOEQUALS", "--", "/bin/true")]
    [InlineData("run", "--hostname", "bad name", "--", "/bin/true")]
    [InlineData("run", "--read-only", "relative/path", "--", "/bin/true")]
    public async Task Malformed_invocations_exit_2_and_say_why(params string[] arguments)
    {
        var result = await Detektr(arguments);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("detektr: ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_command_run_prints_a_summary_and_exits_0()
    {
        var result = await Detektr("run", "--", "/bin/true");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("the artifact exited with status 0", result.Stdout, StringComparison.Ordinal);
        var run = SingleRun();
        Assert.True(File.Exists(Path.Combine(run, "ledger.json")));
        Assert.Contains("leaf 0 of 1", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_prints_the_manifest_and_a_failing_artifact_exits_1()
    {
        var output = Path.Combine(_directory.Path, "my-run");

        var result = await Detektr("run", "--json", "--out", output, "--", "/bin/sh", "-c", "exit 5");

        Assert.Equal(1, result.ExitCode);
        var manifest = System.Text.Json.JsonSerializer.Deserialize<RunManifest>(result.Stdout, ManifestJson.Options)!;
        Assert.Equal(5, manifest.Termination.ExitCode);
        Assert.Equal(manifest.RunId, ManifestJson.Read(output).RunId);
    }

    [Fact]
    public async Task Arguments_after_the_artifact_go_to_the_artifact_even_when_they_look_like_options()
    {
        _directory.Script("args.sh", "#!/bin/sh\necho \"$@\"\n");

        var result = await Detektr("run", "--json", "args.sh", "--timeout", "-v");

        Assert.Equal(0, result.ExitCode);
        var run = SingleRun();
        Assert.Equal("--timeout -v\n", File.ReadAllText(Path.Combine(run, "stdout.txt")));
    }

    [Fact]
    public async Task A_run_stopped_at_the_deadline_exits_3()
    {
        var result = await Detektr("run", "--timeout", "1", "--", "/bin/sleep", "60");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("wall-time limit", result.Stdout, StringComparison.Ordinal);
    }
}
