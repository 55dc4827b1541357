using System.Text.Json;
using Tracehound.Ledger;

namespace Tracehound.Cli.Tests.Ledger;

public sealed class LedgerCommandTests
{
    private const string ClassicRoot = "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328";
    private const string EmptyLeafHash = "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d";
    private const string PathOfLeafZero = "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7,5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e,6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4";

    [Fact]
    public void Root_of_the_classic_leaves_matches_the_golden_json()
    {
        var (exit, output, _) = Cli.Run("ledger", "root", "--leaves", Cli.TestData("classic-leaves.txt"), "--json");
        Assert.Equal(0, exit);
        Assert.Equal(File.ReadAllText(Cli.TestData("classic-root.json")), output);

        var text = Cli.Run("ledger", "root", "--leaves", Cli.TestData("classic-leaves.txt"));
        Assert.Equal($"size 8\nroot {ClassicRoot}\n", text.Out);
    }

    [Fact]
    public void Root_reports_the_line_of_bad_hex_as_a_usage_error()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.Combine("leaves"), "00\nxyz\n");
        var (exit, _, error) = Cli.Run("ledger", "root", "--leaves", dir.Combine("leaves"));
        Assert.Equal(2, exit);
        Assert.Contains("leaves:2", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_inclusion_prints_ok_or_the_reason_with_exit_codes()
    {
        var ok = Cli.Run("ledger", "verify-inclusion", "--leaf-hash", EmptyLeafHash, "--index", "0", "--size", "8", "--root", ClassicRoot, "--proof", PathOfLeafZero);
        Assert.Equal((0, "ok\n"), (ok.Exit, ok.Out));

        var wrong = Cli.Run("ledger", "verify-inclusion", "--leaf-hash", EmptyLeafHash, "--index", "1", "--size", "8", "--root", ClassicRoot, "--proof", PathOfLeafZero);
        Assert.Equal(1, wrong.Exit);
        Assert.StartsWith("calculated root ", wrong.Out, StringComparison.Ordinal);

        var beyond = Cli.Run("ledger", "verify-inclusion", "--leaf-hash", EmptyLeafHash, "--index", "9", "--size", "8", "--root", ClassicRoot, "--proof", PathOfLeafZero, "--json");
        Assert.Equal(1, beyond.Exit);
        Assert.Equal("{\n  \"ok\": false,\n  \"error\": \"IndexBeyondSize\",\n  \"reason\": \"index is beyond size: 9 >= 8\"\n}\n", beyond.Out);

        var malformed = Cli.Run("ledger", "verify-inclusion", "--leaf-hash", EmptyLeafHash, "--index", "0", "--size", "8", "--root", ClassicRoot, "--proof", "abc");
        Assert.Equal(2, malformed.Exit);
        Assert.Contains("--proof[0]", malformed.Error, StringComparison.Ordinal);

        Assert.Equal(2, Cli.Run("ledger", "verify-inclusion", "--index", "0").Exit);
    }

    [Fact]
    public void Verify_consistency_accepts_the_published_proof_and_rejects_swapped_roots()
    {
        const string root6 = "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef";
        const string proof = "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a,ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0,d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7";
        Assert.Equal((0, "ok\n"), Take(Cli.Run("ledger", "verify-consistency", "--size1", "6", "--size2", "8", "--root1", root6, "--root2", ClassicRoot, "--proof", proof)));
        Assert.Equal(1, Cli.Run("ledger", "verify-consistency", "--size1", "6", "--size2", "8", "--root1", ClassicRoot, "--root2", root6, "--proof", proof).Exit);
        Assert.Equal(1, Cli.Run("ledger", "verify-consistency", "--size1", "6", "--size2", "8", "--root1", root6, "--root2", ClassicRoot).Exit);
    }

    [Fact]
    public void Prove_prints_each_record_of_the_subject_with_a_proof_that_verifies_against_the_checkpoint()
    {
        using var dir = new TempDirectory();
        Cli.BuildLedger(dir.Path);
        var (exit, output, _) = Cli.Run("ledger", "prove", "--data", dir.Path, "--signature", "injection:aaaa");
        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var checkpoint = json.RootElement.GetProperty("checkpoint");
        Assert.True(checkpoint.GetProperty("signatureVerified").GetBoolean());
        var root = Sha256Hash.Parse(checkpoint.GetProperty("root").GetString()!);
        var size = new TreeSize(checkpoint.GetProperty("size").GetUInt64());
        var records = json.RootElement.GetProperty("records").EnumerateArray().ToList();
        Assert.Equal([3UL, 13UL, 23UL, 33UL], records.Select(r => r.GetProperty("leaf").GetUInt64()));
        foreach (var record in records)
        {
            Assert.Equal("evidence.evicted", record.GetProperty("kind").GetString());
            var leafHash = MerkleHash.Leaf(Convert.FromHexString(record.GetProperty("leafData").GetString()!));
            Assert.Equal(record.GetProperty("leafHash").GetString(), leafHash.ToString());
            var proof = record.GetProperty("inclusionProof").EnumerateArray().Select(p => Sha256Hash.Parse(p.GetString()!)).ToArray();
            Assert.True(MerkleVerifier.VerifyInclusion(leafHash, new LeafIndex(record.GetProperty("leaf").GetUInt64()), size, proof, root).IsValid);
        }

        Assert.Equal(1, Cli.Run("ledger", "prove", "--data", dir.Path, "--signature", "injection:none").Exit);
        Assert.Equal(2, Cli.Run("ledger", "prove", "--data", dir.Combine("missing"), "--signature", "x").Exit);
    }

    [Fact]
    public void Checkpoint_prints_the_signed_note_that_the_exported_key_alone_verifies()
    {
        using var dir = new TempDirectory();
        Cli.BuildLedger(dir.Path);
        var (exit, note, _) = Cli.Run("checkpoint", "--data", dir.Path);
        Assert.Equal(0, exit);
        Assert.StartsWith("test.local/ledger\n40\n", note, StringComparison.Ordinal);
        Assert.Contains("\n\n\u2014 test.local/ledger ", note, StringComparison.Ordinal);

        File.WriteAllText(dir.Combine("checkpoint.txt"), note);
        Assert.Equal(0, Cli.Run("ledger", "export-key", "--data", dir.Path, "--out", dir.Combine("ledger.pub")).Exit);
        Assert.Equal((0, "ok\n"), Take(Cli.Run("ledger", "verify-checkpoint", "--checkpoint", dir.Combine("checkpoint.txt"), "--key", dir.Combine("ledger.pub"))));

        File.WriteAllText(dir.Combine("forged.txt"), note.Replace("\n40\n", "\n41\n", StringComparison.Ordinal));
        var forged = Cli.Run("ledger", "verify-checkpoint", "--checkpoint", dir.Combine("forged.txt"), "--key", dir.Combine("ledger.pub"));
        Assert.Equal(1, forged.Exit);
        Assert.Contains("does not verify", forged.Out, StringComparison.Ordinal);
    }

    private static (int, string) Take((int Exit, string Out, string Error) result) => (result.Exit, result.Out);
}
