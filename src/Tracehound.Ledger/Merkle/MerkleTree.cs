using System.Collections.Immutable;

namespace Tracehound.Ledger;

/// <summary>
/// An in-memory RFC 9162 tree over leaf hashes, keeping every perfect subtree so that proofs for any
/// earlier size can be produced. Memory grows with the leaves (about 64 bytes each): use it for
/// tools and tests; the durable ledger (the ledger store) keeps these nodes on disk instead.
/// </summary>
public sealed class MerkleTree : IMerkleNodeReader
{
    // _levels[l][i] is the perfect subtree at level l, position i.
    private readonly List<List<Sha256Hash>> _levels = [[]];
    private readonly CompactRange _range = new();

    /// <summary>The number of leaves.</summary>
    public TreeSize Size => _range.Size;

    /// <summary>The current head (size and root).</summary>
    public TreeHead Head => _range.Head;

    /// <summary>Builds a tree from raw leaf data (each hashed with <see cref="MerkleHash.Leaf"/>).</summary>
    public static MerkleTree FromLeafData(IEnumerable<byte[]> leaves)
    {
        ArgumentNullException.ThrowIfNull(leaves);
        var tree = new MerkleTree();
        foreach (var leaf in leaves)
        {
            tree.AppendLeafHash(MerkleHash.Leaf(leaf));
        }

        return tree;
    }

    /// <summary>Appends raw leaf data and returns its index.</summary>
    public LeafIndex AppendLeaf(ReadOnlySpan<byte> data) => AppendLeafHash(MerkleHash.Leaf(data));

    /// <summary>Appends an already computed leaf hash and returns its index.</summary>
    public LeafIndex AppendLeafHash(Sha256Hash leafHash)
    {
        var index = new LeafIndex(_range.Size.Value);
        Span<Sha256Hash> completed = stackalloc Sha256Hash[65];
        var count = _range.Append(leafHash, completed);
        for (var level = 0; level < count; level++)
        {
            if (_levels.Count == level)
            {
                _levels.Add([]);
            }

            _levels[level].Add(completed[level]);
        }

        return index;
    }

    /// <summary>The leaf hash at <paramref name="index"/>.</summary>
    public Sha256Hash LeafHash(LeafIndex index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index.Value, Size.Value, nameof(index));
        return _levels[0][checked((int)index.Value)];
    }

    /// <summary>The root hash of the first <paramref name="size"/> leaves.</summary>
    public Sha256Hash RootAt(TreeSize size)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size.Value, Size.Value, nameof(size));
        return MerkleProofs.Root(this, size.Value);
    }

    /// <summary>The inclusion proof of leaf <paramref name="index"/> in the tree of <paramref name="size"/> leaves.</summary>
    public InclusionProof GetInclusionProof(LeafIndex index, TreeSize size)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size.Value, Size.Value, nameof(size));
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index.Value, size.Value, nameof(index));
        return new InclusionProof(index, size, ImmutableArray.Create(MerkleProofs.Inclusion(this, index.Value, size.Value)));
    }

    /// <summary>The consistency proof from the tree of <paramref name="from"/> leaves to that of <paramref name="to"/>.</summary>
    public ConsistencyProof GetConsistencyProof(TreeSize from, TreeSize to)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(to.Value, Size.Value, nameof(to));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(from.Value, to.Value, nameof(from));
        return new ConsistencyProof(from, to, ImmutableArray.Create(MerkleProofs.Consistency(this, from.Value, to.Value)));
    }

    Sha256Hash IMerkleNodeReader.ReadNode(int level, ulong index) => _levels[level][checked((int)index)];
}
