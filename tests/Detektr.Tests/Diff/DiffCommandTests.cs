using System.Text.Json;
using Detektr.Tests.Query;
using Detektr.Tests.TestSupport;

namespace Detektr.Tests.Diff;

[Collection(DetonatedRunsGroup.Name)]
public sealed class DiffCommandTests(DetonatedRuns runs) : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private Task<CliProcess.Result> Detektr(params string[] arguments) => CliProcess.RunAsync(_directory.Path, arguments);

    [Fact]
    public async Task A_mitigation_pair_exits_1_and_shows_the_changed_outcome()
    {
        var result = await Detektr("diff", "--runs", runs.Store, runs.Sinkhole.Manifest.RunId, runs.Mitigated.Manifest.RunId);

        Assert.Equal(1, result.ExitCode);
        Assert.Matches(@"tcp 198\.51\.100\.7:443\s*│\s*success\s*│\s*EPERM", result.Stdout);
        Assert.Contains("denied system calls: none -> connect", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("The runs differ:", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_lists_each_difference_with_both_sides()
    {
        var result = await Detektr("diff", "--json", runs.Sinkhole.Directory, runs.NoNetwork.Directory);

        Assert.Equal(1, result.ExitCode);
        using var document = JsonDocument.Parse(result.Stdout);
        var root = document.RootElement;
        Assert.False(root.GetProperty("Identical").GetBoolean());
        Assert.Equal(runs.NoNetwork.Manifest.RunId, root.GetProperty("B").GetProperty("RunId").GetString());
        var connect = root.GetProperty("Differences").EnumerateArray()
            .Single(d => d.GetProperty("Behaviour").GetString() == "tcp 198.51.100.7:443");
        Assert.Equal(("network", "outcome_changed"), (connect.GetProperty("Category").GetString(), connect.GetProperty("Kind").GetString()));
        Assert.Equal("success", connect.GetProperty("A").GetProperty("Outcomes")[0].GetString());
        Assert.Equal("ENETUNREACH", connect.GetProperty("B").GetProperty("Outcomes")[0].GetString());
        var http = root.GetProperty("Differences").EnumerateArray().Single(d => d.GetProperty("Category").GetString() == "http");
        Assert.Equal(("only_in_a", JsonValueKind.Null), (http.GetProperty("Kind").GetString(), http.GetProperty("B").ValueKind));
    }

    [Fact]
    public async Task Identical_runs_exit_0()
    {
        var result = await Detektr("diff", "--runs", runs.Store, runs.Sinkhole.Manifest.RunId[^8..], runs.SinkholeAgain.Manifest.RunId[^8..]);

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.Contains("No difference in behaviour.", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_run_exits_2_and_names_it()
    {
        var result = await Detektr("diff", "--runs", runs.Store, runs.Sinkhole.Manifest.RunId, "no-such-run");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("run B: no run 'no-such-run'", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_directory_that_is_not_a_complete_run_exits_2()
    {
        Directory.CreateDirectory(Path.Combine(_directory.Path, "half"));

        var result = await Detektr("diff", "half", runs.Sinkhole.Directory);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("half is not a complete run", result.Stderr, StringComparison.Ordinal);
    }
}
