using System.Diagnostics;
using System.Text.Json;

namespace Tracehound.Cli.Tests.Verification;

public sealed class VerifyCommandTests
{
    [Fact]
    public void An_intact_data_directory_verifies_with_exit_0_and_stable_json()
    {
        using var dir = new TempDirectory();
        Cli.BuildLedger(dir.Path);
        var (exit, output, _) = Cli.Run("verify", "--data", dir.Path, "--json");
        Assert.Equal(0, exit);
        // Golden: the head depends only on the records, which are fixed.
        Assert.Equal(
            """
            {
              "intact": true,
              "checks": {
                "ledger": {
                  "intact": true,
                  "position": null,
                  "reason": null,
                  "details": {
                    "size": 40,
                    "root": "ROOT",
                    "checkpointsVerified": 2,
                    "witnessedCheckpoints": 0,
                    "latestCheckpointSize": 40,
                    "tornTailBytes": 0,
                    "hashEntriesMissing": 0
                  }
                },
                "evidence": {
                  "intact": true,
                  "position": null,
                  "reason": null,
                  "details": {
                    "store": "none"
                  }
                }
              }
            }

            """.Replace("ROOT", ExpectedRoot(), StringComparison.Ordinal),
            output);

        var text = Cli.Run("verify", "--data", dir.Path);
        Assert.Equal(0, text.Exit);
        Assert.EndsWith("intact\n", text.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_flipped_byte_fails_with_exit_1_and_the_position()
    {
        using var dir = new TempDirectory();
        Cli.BuildLedger(dir.Path);
        var segment = Directory.GetFiles(dir.Combine("ledger", "segments"), "*.seg").Single();
        var bytes = File.ReadAllBytes(segment);
        bytes[24 + 12 + 5] ^= 0x20;
        File.WriteAllBytes(segment, bytes);

        var (exit, output, _) = Cli.Run("verify", "--data", dir.Path, "--json");
        Assert.Equal(1, exit);
        using var json = JsonDocument.Parse(output);
        var ledger = json.RootElement.GetProperty("checks").GetProperty("ledger");
        Assert.False(ledger.GetProperty("intact").GetBoolean());
        Assert.Equal("ledger/segments/00000000000000000000.seg at byte 24 (leaf 0)", ledger.GetProperty("position").GetString());
        Assert.Equal("RecordCorrupt", ledger.GetProperty("details").GetProperty("failure").GetProperty("kind").GetString());

        var text = Cli.Run("verify", "--data", dir.Path);
        Assert.Equal(1, text.Exit);
        Assert.Contains("FAILED ledger: ledger/segments/00000000000000000000.seg at byte 24 (leaf 0): frame CRC", text.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_ledger_put_back_to_an_earlier_state_fails_against_a_checkpoint_saved_before()
    {
        using var dir = new TempDirectory();
        using var earlier = new TempDirectory();
        Cli.BuildLedger(dir.Path, records: 20);
        CopyDirectory(dir.Path, earlier.Path);
        Cli.BuildLedger(dir.Path, records: 20);

        // The auditor keeps the checkpoint of the moment outside the directory.
        var saved = Cli.Run("checkpoint", "--data", dir.Path);
        Assert.Equal(0, saved.Exit);
        var witness = Path.Combine(earlier.Path, "..", Path.GetFileName(earlier.Path) + "-witness.txt");
        File.WriteAllText(witness, saved.Out);
        try
        {
            Assert.Equal(0, Cli.Run("verify", "--data", dir.Path, "--witness", witness).Exit);

            Directory.Delete(dir.Combine("ledger"), recursive: true);
            CopyDirectory(earlier.Path, dir.Path);
            Assert.Equal(0, Cli.Run("verify", "--data", dir.Path).Exit);

            var (exit, output, _) = Cli.Run("verify", "--data", dir.Path, "--witness", witness, "--json");
            Assert.Equal(1, exit);
            var ledger = JsonDocument.Parse(output).RootElement.GetProperty("checks").GetProperty("ledger");
            Assert.False(ledger.GetProperty("intact").GetBoolean());
            Assert.StartsWith(Path.GetFullPath(witness) + " at byte 0 (leaf 20)", ledger.GetProperty("position").GetString(), StringComparison.Ordinal);
            Assert.Contains("covers 40 records but the ledger holds 20: records were removed", ledger.GetProperty("reason").GetString(), StringComparison.Ordinal);
            Assert.Equal(1, ledger.GetProperty("details").GetProperty("witnessedCheckpoints").GetInt32());
        }
        finally
        {
            File.Delete(witness);
        }
    }

    [Fact]
    public void A_witness_file_that_is_missing_or_not_a_checkpoint_is_a_usage_error()
    {
        using var dir = new TempDirectory();
        Cli.BuildLedger(dir.Path);
        var missing = Cli.Run("verify", "--data", dir.Path, "--witness", dir.Combine("absent.txt"));
        Assert.Equal(2, missing.Exit);
        Assert.Contains("does not exist", missing.Error, StringComparison.Ordinal);

        File.WriteAllText(dir.Combine("not-a-checkpoint.txt"), "hello\n");
        var malformed = Cli.Run("verify", "--data", dir.Path, "--witness", dir.Combine("not-a-checkpoint.txt"));
        Assert.Equal(2, malformed.Exit);
        Assert.Contains("is not a signed checkpoint", malformed.Error, StringComparison.Ordinal);
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    [Fact]
    public void Usage_errors_exit_with_2()
    {
        Assert.Equal(2, Cli.Run("verify").Exit);
        Assert.Equal(2, Cli.Run("verify", "--data", "/nonexistent/tracehound").Exit);
        Assert.Equal(2, Cli.Run("no-such-command").Exit);
    }

    [Fact]
    public void The_built_program_verifies_as_a_real_process()
    {
        using var dir = new TempDirectory();
        Cli.BuildLedger(dir.Path);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "tracehound.dll"));
        foreach (var arg in new[] { "verify", "--data", dir.Path, "--json" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        Assert.True(JsonDocument.Parse(output).RootElement.GetProperty("intact").GetBoolean());
    }

    private static string ExpectedRoot()
    {
        var epoch = new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);
        var tree = new Tracehound.Ledger.MerkleTree();
        for (var i = 0; i < 40; i++)
        {
            tree.AppendLeaf(new Tracehound.Ledger.LedgerRecord(
                i % 10 == 3 ? "evidence.evicted" : "evidence.quarantined",
                i % 10 == 3 ? "injection:aaaa" : $"injection:{i:x4}",
                epoch.AddSeconds(i),
                [new("bytes", 100L + i), new("reason", "capacity")]).Encode());
        }

        return tree.Head.RootHash.ToString();
    }
}
