namespace Tracehound.Ledger.Tests.Merkle;

public sealed class MerkleProofTests
{
    private static readonly MerkleTree Classic = MerkleTree.FromLeafData(MerkleHashTests.ClassicLeaves);

    [Theory]
    [InlineData(0UL, 8UL, "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7,5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e,6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")]
    [InlineData(5UL, 8UL, "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b,ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0,d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")]
    [InlineData(2UL, 3UL, "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125")]
    [InlineData(1UL, 5UL, "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d,5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e,bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")]
    [InlineData(0UL, 1UL, "")]
    public void Inclusion_proofs_of_the_classic_tree_match_the_published_paths(ulong index, ulong size, string expected)
    {
        var proof = Classic.GetInclusionProof(new LeafIndex(index), new TreeSize(size));
        Assert.Equal(expected, string.Join(',', proof.Hashes));
        var root = Sha256Hash.Parse(MerkleHashTests.ClassicRoots[size - 1]);
        Assert.True(proof.Verify(MerkleHash.Leaf(MerkleHashTests.ClassicLeaves[index]), root).IsValid);
    }

    [Theory]
    [InlineData(1UL, 8UL, "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7,5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e,6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")]
    [InlineData(6UL, 8UL, "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a,ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0,d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")]
    [InlineData(2UL, 5UL, "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e,bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")]
    [InlineData(6UL, 7UL, "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a,b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f,d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")]
    [InlineData(1UL, 1UL, "")]
    public void Consistency_proofs_of_the_classic_tree_match_the_published_proofs(ulong from, ulong to, string expected)
    {
        var proof = Classic.GetConsistencyProof(new TreeSize(from), new TreeSize(to));
        Assert.Equal(expected, string.Join(',', proof.Hashes));
        var root1 = Sha256Hash.Parse(MerkleHashTests.ClassicRoots[from - 1]);
        var root2 = Sha256Hash.Parse(MerkleHashTests.ClassicRoots[to - 1]);
        Assert.True(proof.Verify(root1, root2).IsValid);
    }

    [Fact]
    public void Failures_name_the_values_involved()
    {
        var leaf = MerkleHash.Leaf([]);
        var root = Classic.Head.RootHash;
        Assert.Equal("index is beyond size: 9 >= 8", MerkleVerifier.VerifyInclusion(leaf, new LeafIndex(9), new TreeSize(8), [], root).Message);
        Assert.Equal("wrong proof size 0, want 3", MerkleVerifier.VerifyInclusion(leaf, new LeafIndex(0), new TreeSize(8), [], root).Message);
        Assert.Equal("size2 (1) < size1 (2)", MerkleVerifier.VerifyConsistency(new TreeSize(2), new TreeSize(1), [], root, root).Message);

        var proof = Classic.GetInclusionProof(new LeafIndex(0), new TreeSize(8));
        var wrongRoot = MerkleHash.EmptyTree;
        var mismatch = proof.Verify(leaf, wrongRoot);
        Assert.Equal(MerkleVerificationError.RootMismatch, mismatch.Error);
        Assert.Equal(root, mismatch.CalculatedRoot);
        Assert.Equal(wrongRoot, mismatch.ExpectedRoot);
        Assert.Contains(root.ToString(), mismatch.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Consistency_with_the_empty_tree_needs_an_empty_proof_and_equal_sizes_need_equal_roots()
    {
        var root = Classic.Head.RootHash;
        Assert.True(MerkleVerifier.VerifyConsistency(TreeSize.Zero, new TreeSize(8), [], MerkleHash.EmptyTree, root).IsValid);
        Assert.Equal(MerkleVerificationError.ProofNotEmpty, MerkleVerifier.VerifyConsistency(TreeSize.Zero, new TreeSize(8), [root], MerkleHash.EmptyTree, root).Error);
        Assert.True(MerkleVerifier.VerifyConsistency(TreeSize.Zero, TreeSize.Zero, [], MerkleHash.EmptyTree, MerkleHash.EmptyTree).IsValid);
        Assert.Equal(MerkleVerificationError.RootMismatch, MerkleVerifier.VerifyConsistency(TreeSize.Zero, TreeSize.Zero, [], root, MerkleHash.EmptyTree).Error);
        Assert.Equal(MerkleVerificationError.ProofNotEmpty, MerkleVerifier.VerifyConsistency(new TreeSize(8), new TreeSize(8), [root], root, root).Error);
        Assert.Equal(MerkleVerificationError.EmptyProof, MerkleVerifier.VerifyConsistency(new TreeSize(1), new TreeSize(8), [], root, root).Error);
    }
}
