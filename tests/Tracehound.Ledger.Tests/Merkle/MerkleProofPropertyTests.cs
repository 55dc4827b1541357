using FsCheck;
using FsCheck.Fluent;

namespace Tracehound.Ledger.Tests.Merkle;

public sealed class MerkleProofPropertyTests
{
    private static Arbitrary<int> Sizes => Gen.Choose(1, 300).ToArbitrary();

    [FsCheck.Xunit.Property(MaxTest = 60)]
    public Property Every_inclusion_proof_matches_the_rfc_definition_and_verifies() =>
        Prop.ForAll(Sizes, size =>
        {
            var leaves = ReferenceMerkle.Leaves(size);
            var tree = MerkleTree.FromLeafData(leaves);
            var root = tree.Head.RootHash;
            Assert.Equal(Convert.ToHexStringLower(ReferenceMerkle.Mth(leaves)), root.ToString());
            for (var i = 0; i < size; i++)
            {
                var proof = tree.GetInclusionProof(new LeafIndex((ulong)i), tree.Size);
                Assert.Equal(ReferenceMerkle.Path(i, leaves).Select(Convert.ToHexStringLower), proof.Hashes.Select(h => h.ToString()));
                Assert.True(proof.Verify(MerkleHash.Leaf(leaves[i]), root).IsValid);
            }
        });

    [FsCheck.Xunit.Property(MaxTest = 200)]
    public Property An_inclusion_proof_fails_for_any_other_leaf_index_or_size() =>
        Prop.ForAll(Sizes, Gen.Choose(0, 1_000_000).ToArbitrary(), Gen.Choose(1, 400).ToArbitrary(), (size, seed, otherSize) =>
        {
            var leaves = ReferenceMerkle.Leaves(Math.Max(size, otherSize));
            var bigger = MerkleTree.FromLeafData(leaves);
            var tree = MerkleTree.FromLeafData(leaves.Take(size));
            var root = tree.Head.RootHash;
            var index = seed % size;
            var proof = tree.GetInclusionProof(new LeafIndex((ulong)index), tree.Size);
            var leafHash = MerkleHash.Leaf(leaves[index]);

            for (var other = 0; other < size; other++)
            {
                if (other != index)
                {
                    Assert.False(MerkleVerifier.VerifyInclusion(leafHash, new LeafIndex((ulong)other), tree.Size, proof.Hashes.AsSpan(), root).IsValid);
                    Assert.False(MerkleVerifier.VerifyInclusion(MerkleHash.Leaf(leaves[other]), proof.LeafIndex, tree.Size, proof.Hashes.AsSpan(), root).IsValid);
                }
            }

            // The size is not hashed into the root, so "another size" means that size's own root.
            if (otherSize != size && index < otherSize)
            {
                var otherRoot = bigger.RootAt(new TreeSize((ulong)otherSize));
                Assert.False(MerkleVerifier.VerifyInclusion(leafHash, proof.LeafIndex, new TreeSize((ulong)otherSize), proof.Hashes.AsSpan(), otherRoot).IsValid);
            }

            Assert.False(MerkleVerifier.VerifyInclusion(leafHash, proof.LeafIndex, new TreeSize((ulong)size * 2), proof.Hashes.AsSpan(), root).IsValid);

            if (proof.Hashes.Length > 0)
            {
                var tampered = proof.Hashes.ToArray();
                var bytes = tampered[seed % tampered.Length].ToArray();
                bytes[seed % 32] ^= (byte)(1 << (seed % 8));
                tampered[seed % tampered.Length] = Sha256Hash.FromBytes(bytes);
                Assert.False(MerkleVerifier.VerifyInclusion(leafHash, proof.LeafIndex, tree.Size, tampered, root).IsValid);
                Assert.False(MerkleVerifier.VerifyInclusion(leafHash, proof.LeafIndex, tree.Size, proof.Hashes.AsSpan()[1..], root).IsValid);
                Assert.False(MerkleVerifier.VerifyInclusion(leafHash, proof.LeafIndex, tree.Size, [.. proof.Hashes, root], root).IsValid);
            }
        });

    [FsCheck.Xunit.Property(MaxTest = 40)]
    public Property Consistency_proofs_for_all_smaller_sizes_match_the_rfc_definition_and_verify() =>
        Prop.ForAll(Gen.Choose(1, 130).ToArbitrary(), size =>
        {
            var leaves = ReferenceMerkle.Leaves(size);
            var tree = MerkleTree.FromLeafData(leaves);
            var root2 = tree.Head.RootHash;
            for (var m = 0; m <= size; m++)
            {
                var proof = tree.GetConsistencyProof(new TreeSize((ulong)m), tree.Size);
                Assert.Equal(ReferenceMerkle.Proof(m, leaves).Select(Convert.ToHexStringLower), proof.Hashes.Select(h => h.ToString()));
                var root1 = tree.RootAt(new TreeSize((ulong)m));
                Assert.True(proof.Verify(root1, root2).IsValid, $"{m} -> {size}");
            }
        });

    [FsCheck.Xunit.Property(MaxTest = 200)]
    public Property A_consistency_proof_fails_for_other_sizes_roots_or_hashes() =>
        Prop.ForAll(Gen.Choose(2, 200).ToArbitrary(), Gen.Choose(0, 1_000_000).ToArbitrary(), (size, seed) =>
        {
            var leaves = ReferenceMerkle.Leaves(size + 1);
            var bigger = MerkleTree.FromLeafData(leaves);
            var tree = MerkleTree.FromLeafData(leaves.Take(size));
            var m = 1 + (seed % (size - 1));
            var from = new TreeSize((ulong)m);
            var proof = tree.GetConsistencyProof(from, tree.Size);
            var root1 = tree.RootAt(from);
            var root2 = tree.Head.RootHash;
            var hashes = proof.Hashes.AsSpan();

            // Sizes are not hashed into roots, so another size is checked with that size's own root.
            var after = new TreeSize((ulong)m + 1);
            var before = new TreeSize((ulong)m - 1);
            Assert.False(MerkleVerifier.VerifyConsistency(after, tree.Size, hashes, bigger.RootAt(after), root2).IsValid);
            Assert.False(MerkleVerifier.VerifyConsistency(before, tree.Size, hashes, bigger.RootAt(before), root2).IsValid);
            Assert.False(MerkleVerifier.VerifyConsistency(from, bigger.Size, hashes, root1, bigger.Head.RootHash).IsValid);
            Assert.False(MerkleVerifier.VerifyConsistency(from, tree.Size, hashes, root2, root1).IsValid);
            Assert.False(MerkleVerifier.VerifyConsistency(from, tree.Size, hashes, MerkleHash.EmptyTree, root2).IsValid);
            Assert.False(MerkleVerifier.VerifyConsistency(from, tree.Size, hashes[..^1], root1, root2).IsValid);
            Assert.False(MerkleVerifier.VerifyConsistency(from, tree.Size, [hashes[0], .. hashes], root1, root2).IsValid);

            var tampered = hashes.ToArray();
            var bytes = tampered[seed % tampered.Length].ToArray();
            bytes[seed % 32] ^= 0x10;
            tampered[seed % tampered.Length] = Sha256Hash.FromBytes(bytes);
            Assert.False(MerkleVerifier.VerifyConsistency(from, tree.Size, tampered, root1, root2).IsValid);
        });
}
