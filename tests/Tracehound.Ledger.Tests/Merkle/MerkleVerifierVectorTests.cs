using System.Text.Json;

namespace Tracehound.Ledger.Tests.Merkle;

/// <summary>The shared transparency-dev/merkle vectors (see TestData/README.md) must give the same verdicts.</summary>
public sealed class MerkleVerifierVectorTests
{
    public static TheoryData<string> InclusionVectors() => Files("inclusion");

    public static TheoryData<string> ConsistencyVectors() => Files("consistency");

    [Theory]
    [MemberData(nameof(InclusionVectors))]
    public void Inclusion_vector_gives_the_expected_verdict(string name)
    {
        using var json = Load("inclusion", name);
        var root = json.RootElement;
        var wantErr = root.GetProperty("wantErr").GetBoolean();
        var ok = TryHash(root.GetProperty("leafHash"), out var leafHash)
            & TryHash(root.GetProperty("root"), out var rootHash)
            & TryProof(root.GetProperty("proof"), out var proof);
        if (ok)
        {
            var result = MerkleVerifier.VerifyInclusion(
                leafHash,
                new LeafIndex(root.GetProperty("leafIdx").GetUInt64()),
                new TreeSize(root.GetProperty("treeSize").GetUInt64()),
                proof,
                rootHash);
            ok = result.IsValid;
        }

        Assert.Equal(!wantErr, ok);
    }

    [Theory]
    [MemberData(nameof(ConsistencyVectors))]
    public void Consistency_vector_gives_the_expected_verdict(string name)
    {
        using var json = Load("consistency", name);
        var root = json.RootElement;
        var wantErr = root.GetProperty("wantErr").GetBoolean();
        var ok = TryHash(root.GetProperty("root1"), out var root1)
            & TryHash(root.GetProperty("root2"), out var root2)
            & TryProof(root.GetProperty("proof"), out var proof);
        if (ok)
        {
            var result = MerkleVerifier.VerifyConsistency(
                new TreeSize(root.GetProperty("size1").GetUInt64()),
                new TreeSize(root.GetProperty("size2").GetUInt64()),
                proof,
                root1,
                root2);
            ok = result.IsValid;
        }

        Assert.Equal(!wantErr, ok);
    }

    [Fact]
    public void Every_vector_directory_has_both_passing_and_failing_cases()
    {
        foreach (var kind in new[] { "inclusion", "consistency" })
        {
            var verdicts = Files(kind).Select(row => Load(kind, row.Data).RootElement.GetProperty("wantErr").GetBoolean()).ToList();
            Assert.Contains(true, verdicts);
            Assert.Contains(false, verdicts);
        }
    }

    private static TheoryData<string> Files(string kind)
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Merkle", "TestData", kind), "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(file));
        }

        return data;
    }

    private static JsonDocument Load(string kind, string name) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Merkle", "TestData", kind, name + ".json")));

    private static bool TryHash(JsonElement element, out Sha256Hash hash) =>
        Sha256Hash.TryFromBytes(Convert.FromBase64String(element.GetString()!), out hash);

    private static bool TryProof(JsonElement element, out Sha256Hash[] proof)
    {
        proof = [];
        if (element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        var hashes = new List<Sha256Hash>();
        foreach (var item in element.EnumerateArray())
        {
            if (!TryHash(item, out var hash))
            {
                return false;
            }

            hashes.Add(hash);
        }

        proof = [.. hashes];
        return true;
    }
}
