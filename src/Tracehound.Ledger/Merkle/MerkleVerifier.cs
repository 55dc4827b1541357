using System.Globalization;
using System.Numerics;

namespace Tracehound.Ledger;

/// <summary>
/// Pure RFC 9162 proof verification: no state, no I/O, no exceptions. It follows the algorithms of
/// RFC 9162 §2.1.3.2 and §2.1.4.2 as transparency-dev/merkle implements them, with the same strict
/// checks on sizes and proof lengths, so proofs interoperate in both directions.
/// </summary>
public static class MerkleVerifier
{
    /// <summary>
    /// Verifies that <paramref name="leafHash"/> is the leaf at <paramref name="index"/> of the tree of
    /// <paramref name="size"/> leaves whose root is <paramref name="root"/>. Requires
    /// <c>index &lt; size</c> and exactly as many proof hashes as the geometry of the tree gives.
    /// </summary>
    public static MerkleVerification VerifyInclusion(Sha256Hash leafHash, LeafIndex index, TreeSize size, ReadOnlySpan<Sha256Hash> proof, Sha256Hash root)
    {
        var calculated = RootFromInclusionProof(leafHash, index, size, proof, out var failure);
        if (calculated is not { } value)
        {
            return failure;
        }

        return value == root ? MerkleVerification.Ok : MerkleVerification.Mismatch(value, root);
    }

    /// <summary>
    /// Computes the root an inclusion proof leads to, or null with the reason in
    /// <paramref name="failure"/> when the index, size or proof length are inconsistent.
    /// </summary>
    public static Sha256Hash? RootFromInclusionProof(Sha256Hash leafHash, LeafIndex index, TreeSize size, ReadOnlySpan<Sha256Hash> proof, out MerkleVerification failure)
    {
        if (index.Value >= size.Value)
        {
            failure = MerkleVerification.Fail(MerkleVerificationError.IndexBeyondSize, Invariant($"index is beyond size: {index.Value} >= {size.Value}"));
            return null;
        }

        var (inner, border) = DecomposeInclusionProof(index.Value, size.Value);
        if (proof.Length != inner + border)
        {
            failure = MerkleVerification.Fail(MerkleVerificationError.WrongProofSize, Invariant($"wrong proof size {proof.Length}, want {inner + border}"));
            return null;
        }

        var hash = ChainInner(leafHash, proof[..inner], index.Value);
        failure = MerkleVerification.Ok;
        return ChainBorderRight(hash, proof[inner..]);
    }

    /// <summary>
    /// Verifies that the tree of <paramref name="size1"/> leaves with root <paramref name="root1"/> is
    /// a prefix of the tree of <paramref name="size2"/> leaves with root <paramref name="root2"/>.
    /// Requires <c>size1 ≤ size2</c>; equal sizes need equal roots and an empty proof; any tree is
    /// consistent with the empty one, by an empty proof.
    /// </summary>
    public static MerkleVerification VerifyConsistency(TreeSize size1, TreeSize size2, ReadOnlySpan<Sha256Hash> proof, Sha256Hash root1, Sha256Hash root2)
    {
        ulong m = size1.Value, n = size2.Value;
        if (n < m)
        {
            return MerkleVerification.Fail(MerkleVerificationError.SizesOutOfOrder, Invariant($"size2 ({n}) < size1 ({m})"));
        }

        if (m == n)
        {
            if (proof.Length > 0)
            {
                return MerkleVerification.Fail(MerkleVerificationError.ProofNotEmpty, Invariant($"size1=size2={m}, but the proof has {proof.Length} hashes"));
            }

            return root1 == root2 ? MerkleVerification.Ok : MerkleVerification.Mismatch(root1, root2);
        }

        if (m == 0)
        {
            return proof.Length == 0
                ? MerkleVerification.Ok
                : MerkleVerification.Fail(MerkleVerificationError.ProofNotEmpty, Invariant($"expected empty proof from the empty tree, but got {proof.Length} hashes"));
        }

        if (proof.Length == 0)
        {
            return MerkleVerification.Fail(MerkleVerificationError.EmptyProof, Invariant($"empty proof between sizes {m} and {n}"));
        }

        // The proof is, after an optional seed, a suffix of the inclusion proof of leaf m-1 in the
        // tree of size n, starting at the level of the largest perfect subtree that ends at m.
        var (inner, border) = DecomposeInclusionProof(m - 1, n);
        var shift = BitOperations.TrailingZeroCount(m);
        inner -= shift;

        Sha256Hash seed;
        int start;
        if (m == 1UL << shift)
        {
            // The old tree is itself that perfect subtree: its root is the seed.
            seed = root1;
            start = 0;
        }
        else
        {
            seed = proof[0];
            start = 1;
        }

        if (proof.Length != start + inner + border)
        {
            return MerkleVerification.Fail(MerkleVerificationError.WrongProofSize, Invariant($"wrong proof size {proof.Length}, want {start + inner + border}"));
        }

        var path = proof[start..];
        var mask = (m - 1) >> shift;

        var hash1 = ChainInnerRight(seed, path[..inner], mask);
        hash1 = ChainBorderRight(hash1, path[inner..]);
        if (hash1 != root1)
        {
            return MerkleVerification.Mismatch(hash1, root1);
        }

        var hash2 = ChainInner(seed, path[..inner], mask);
        hash2 = ChainBorderRight(hash2, path[inner..]);
        return hash2 == root2 ? MerkleVerification.Ok : MerkleVerification.Mismatch(hash2, root2);
    }

    /// <summary>
    /// Splits the inclusion proof of leaf <paramref name="index"/> in a tree of <paramref name="size"/>
    /// leaves at the level where the paths to <c>index</c> and to <c>size - 1</c> diverge: below it
    /// the siblings are on either side ("inner"), above it they are all left siblings on the right
    /// border ("border"), one per set bit of the index above that level.
    /// </summary>
    private static (int Inner, int Border) DecomposeInclusionProof(ulong index, ulong size)
    {
        var inner = 64 - BitOperations.LeadingZeroCount(index ^ (size - 1));
        var border = BitOperations.PopCount(inner >= 64 ? 0 : index >> inner);
        return (inner, border);
    }

    /// <summary>Chains siblings below the right border: the bit of the index at each level says which side we are on.</summary>
    private static Sha256Hash ChainInner(Sha256Hash seed, ReadOnlySpan<Sha256Hash> proof, ulong index)
    {
        for (var i = 0; i < proof.Length; i++)
        {
            seed = ((index >> i) & 1) == 0 ? MerkleHash.Node(seed, proof[i]) : MerkleHash.Node(proof[i], seed);
        }

        return seed;
    }

    /// <summary>Like <see cref="ChainInner"/> but keeps only left siblings: the same subtree as it was at the older size.</summary>
    private static Sha256Hash ChainInnerRight(Sha256Hash seed, ReadOnlySpan<Sha256Hash> proof, ulong index)
    {
        for (var i = 0; i < proof.Length; i++)
        {
            if (((index >> i) & 1) == 1)
            {
                seed = MerkleHash.Node(proof[i], seed);
            }
        }

        return seed;
    }

    /// <summary>Chains along the right border, where every proof hash is a left sibling.</summary>
    private static Sha256Hash ChainBorderRight(Sha256Hash seed, ReadOnlySpan<Sha256Hash> proof)
    {
        foreach (var hash in proof)
        {
            seed = MerkleHash.Node(hash, seed);
        }

        return seed;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
