using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Tracehound.Storage;

namespace Tracehound.Cli.Tests.Verification;

public sealed class EvidenceVerifyTests
{
    private static async Task<ThreatSignature> BuildDataDirectory(string path)
    {
        var options = new AgentOptions();
        options.RateLimit.MaxRequests = 1_000_000;
        await using var agent = new Agent(options);
        await using var storage = TracehoundStorage.Open(agent, new TracehoundStorageOptions { DataDirectory = path });
        var signal = new ThreatSignal(ThreatCategory.Injection, Severity.High, "waf");
        var last = default(ThreatSignature);
        for (var i = 0; i < 12; i++)
        {
            last = agent.Intercept(new Scent($"r{i}", DateTimeOffset.UnixEpoch, "192.0.2.9", ScentPayload.FromBytes(Encoding.UTF8.GetBytes($"evidence {i} " + new string('q', 300))), signal)).Signature;
        }

        await storage.FlushAsync(TestContext.Current.CancellationToken);
        return last;
    }

    [Fact]
    public async Task A_data_directory_with_evidence_verifies_both_parts()
    {
        using var dir = new TempDirectory();
        await BuildDataDirectory(dir.Path);
        var (exit, output, _) = Cli.Run("verify", "--data", dir.Path, "--json");
        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var evidence = json.RootElement.GetProperty("checks").GetProperty("evidence");
        Assert.True(evidence.GetProperty("intact").GetBoolean());
        Assert.Equal(12, evidence.GetProperty("details").GetProperty("rows").GetInt32());
        Assert.Equal(0, evidence.GetProperty("details").GetProperty("warnings").GetInt32());
    }

    [Fact]
    public async Task A_flipped_byte_in_a_stored_blob_fails_with_its_row_and_signature()
    {
        using var dir = new TempDirectory();
        var victim = await BuildDataDirectory(dir.Path);
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = EvidenceStore.PathFor(dir.Path), Pooling = false }.ToString()))
        {
            connection.Open();
            using var read = connection.CreateCommand();
            read.CommandText = "SELECT bytes FROM evidence WHERE signature = $s";
            read.Parameters.AddWithValue("$s", victim.ToString());
            var bytes = (byte[])read.ExecuteScalar()!;
            bytes[10] ^= 0x01;
            using var write = connection.CreateCommand();
            write.CommandText = "UPDATE evidence SET bytes = $b WHERE signature = $s";
            write.Parameters.AddWithValue("$b", bytes);
            write.Parameters.AddWithValue("$s", victim.ToString());
            Assert.Equal(1, write.ExecuteNonQuery());
        }

        var (exit, output, _) = Cli.Run("verify", "--data", dir.Path, "--json");
        Assert.Equal(1, exit);
        using var json = JsonDocument.Parse(output);
        var evidence = json.RootElement.GetProperty("checks").GetProperty("evidence");
        Assert.False(evidence.GetProperty("intact").GetBoolean());
        Assert.Matches($@"^evidence/evidence\.db row \d+ \({victim}\)$", evidence.GetProperty("position").GetString()!);
        Assert.Contains("hash", evidence.GetProperty("reason").GetString()!, StringComparison.Ordinal);
        Assert.True(json.RootElement.GetProperty("checks").GetProperty("ledger").GetProperty("intact").GetBoolean());
    }

    [Fact]
    public async Task A_removed_evidence_store_fails_verification()
    {
        using var dir = new TempDirectory();
        await BuildDataDirectory(dir.Path);
        foreach (var file in Directory.GetFiles(dir.Combine("evidence")))
        {
            File.Delete(file);
        }

        var (exit, output, _) = Cli.Run("verify", "--data", dir.Path, "--json");
        Assert.Equal(1, exit);
        using var json = JsonDocument.Parse(output);
        var evidence = json.RootElement.GetProperty("checks").GetProperty("evidence");
        Assert.False(evidence.GetProperty("intact").GetBoolean());
        Assert.Equal("evidence/evidence.db", evidence.GetProperty("position").GetString());
        Assert.Contains("missing", evidence.GetProperty("reason").GetString()!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_evidence_store_that_is_not_a_database_fails_verification_without_a_crash()
    {
        using var dir = new TempDirectory();
        await BuildDataDirectory(dir.Path);
        foreach (var file in Directory.GetFiles(dir.Combine("evidence")))
        {
            File.Delete(file);
        }

        File.WriteAllBytes(EvidenceStore.PathFor(dir.Path), [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 7))]);

        var (exit, output, _) = Cli.Run("verify", "--data", dir.Path, "--json");
        Assert.Equal(1, exit);
        using var json = JsonDocument.Parse(output);
        var evidence = json.RootElement.GetProperty("checks").GetProperty("evidence");
        Assert.False(evidence.GetProperty("intact").GetBoolean());
        Assert.Equal("evidence/evidence.db", evidence.GetProperty("position").GetString());

        var (statusExit, _, statusError) = Cli.Run("status", "--data", dir.Path);
        Assert.Equal(2, statusExit);
        Assert.StartsWith("cannot read the data: ", statusError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Operator_commands_on_a_damaged_ledger_exit_1_with_a_message()
    {
        using var dir = new TempDirectory();
        var signature = await BuildDataDirectory(dir.Path);
        var segment = Directory.GetFiles(dir.Combine("ledger", "segments"), "*.seg").Order(StringComparer.Ordinal).First();
        var bytes = File.ReadAllBytes(segment);
        bytes[24 + 12 + 5] ^= 0x20;
        File.WriteAllBytes(segment, bytes);

        foreach (var args in new[] { new[] { "status", "--data", dir.Path }, ["inspect", signature.ToString(), "--data", dir.Path], ["ledger", "prove", "--data", dir.Path, "--signature", signature.ToString()] })
        {
            var (exit, _, error) = Cli.Run(args);
            Assert.Equal(1, exit);
            Assert.StartsWith("the ledger is damaged: ledger/segments/00000000000000000000.seg at byte 24 (leaf 0)", error, StringComparison.Ordinal);
        }
    }
}
