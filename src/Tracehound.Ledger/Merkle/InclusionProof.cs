using System.Collections.Immutable;

namespace Tracehound.Ledger;

/// <summary>
/// An RFC 9162 inclusion proof (audit path) for one leaf in a tree of a given size: the sibling
/// hashes from the leaf's level up to the root.
/// </summary>
public sealed class InclusionProof
{
    /// <summary>Creates a proof from its parts.</summary>
    public InclusionProof(LeafIndex leafIndex, TreeSize treeSize, ImmutableArray<Sha256Hash> hashes)
    {
        LeafIndex = leafIndex;
        TreeSize = treeSize;
        Hashes = hashes.IsDefault ? [] : hashes;
    }

    /// <summary>The leaf the proof is for.</summary>
    public LeafIndex LeafIndex { get; }

    /// <summary>The size of the tree the proof leads to.</summary>
    public TreeSize TreeSize { get; }

    /// <summary>The audit path, lowest level first.</summary>
    public ImmutableArray<Sha256Hash> Hashes { get; }

    /// <summary>Verifies this proof for <paramref name="leafHash"/> against <paramref name="rootHash"/>.</summary>
    public MerkleVerification Verify(Sha256Hash leafHash, Sha256Hash rootHash) =>
        MerkleVerifier.VerifyInclusion(leafHash, LeafIndex, TreeSize, Hashes.AsSpan(), rootHash);
}
