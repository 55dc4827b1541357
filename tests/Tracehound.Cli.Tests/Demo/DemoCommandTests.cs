using System.Text.Json;

namespace Tracehound.Cli.Tests.Demo;

public sealed class DemoCommandTests
{
    [Fact]
    public void The_demo_replays_the_corpus_with_every_outcome_as_expected_and_a_verified_ledger()
    {
        using var dir = new TempDirectory();
        var data = dir.Combine("demo");
        var (exit, output, error) = Cli.Run("demo", "--data", data, "--json");
        Assert.True(exit == 0, output + error);
        using var report = JsonDocument.Parse(output);
        var root = report.RootElement;
        Assert.True(root.GetProperty("passed").GetBoolean());
        var requests = root.GetProperty("requests");
        Assert.Equal(requests.GetProperty("total").GetInt32(), requests.GetProperty("as_expected").GetInt32());
        Assert.Empty(requests.GetProperty("mismatches").EnumerateArray());
        var actual = requests.GetProperty("actual");
        foreach (var outcome in new[] { "clean", "quarantined", "ignored", "rate_limited", "payload_too_large" })
        {
            Assert.True(actual.GetProperty(outcome).GetInt32() > 0, outcome);
        }

        Assert.True(root.GetProperty("evictions").GetInt32() > 0);
        Assert.True(root.GetProperty("spoofed_signals").GetProperty("untrusted_source").GetInt32() > 0);
        Assert.True(root.GetProperty("spoofed_signals").GetProperty("invalid_mac").GetInt32() > 0);
        var ledger = root.GetProperty("ledger");
        Assert.Equal(ledger.GetProperty("size").GetInt64(), ledger.GetProperty("checkpoint_size").GetInt64());
        Assert.True(root.GetProperty("verify").GetProperty("intact").GetBoolean());

        // The directory it leaves verifies with the auditor's command too.
        Assert.Equal(0, Cli.Run("verify", "--data", data).Exit);

        // A second run may clear its own directory...
        Assert.Equal(0, Cli.Run("demo", "--data", data).Exit);
    }

    [Fact]
    public void The_demo_refuses_to_clear_a_directory_that_is_not_its_own()
    {
        using var dir = new TempDirectory();
        var precious = dir.Combine("precious.txt");
        File.WriteAllText(precious, "keep me");
        var (exit, _, error) = Cli.Run("demo", "--data", dir.Path);
        Assert.Equal(2, exit);
        Assert.Contains("not empty", error, StringComparison.Ordinal);
        Assert.True(File.Exists(precious));
    }
}
