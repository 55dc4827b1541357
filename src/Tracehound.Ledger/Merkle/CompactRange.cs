using System.Numerics;

namespace Tracehound.Ledger;

/// <summary>
/// The compact range <c>[0, size)</c> of a log: the roots of the perfect subtrees that the binary
/// representation of <c>size</c> decomposes the leaves into, largest (leftmost) first. It is at most
/// 64 hashes whatever the size, which is how the ledger keeps memory flat while it grows; appending
/// a leaf merges equal-sized subtrees like a binary counter carries.
/// </summary>
public sealed class CompactRange
{
    // A tree of 2^64 - 1 leaves has 64 perfect subtrees; one extra slot absorbs the carry of an append.
    private readonly Sha256Hash[] _nodes = new Sha256Hash[65];
    private int _count;

    /// <summary>The number of leaves covered.</summary>
    public TreeSize Size { get; private set; }

    /// <summary>The perfect subtree roots, largest (leftmost) first; <c>popcount(Size)</c> of them.</summary>
    public ReadOnlySpan<Sha256Hash> Nodes => _nodes.AsSpan(0, _count);

    /// <summary>Rebuilds a range from its size and its perfect subtree roots (largest first).</summary>
    /// <exception cref="ArgumentException">The node count does not match the size.</exception>
    public static CompactRange FromNodes(TreeSize size, ReadOnlySpan<Sha256Hash> nodes)
    {
        var expected = BitOperations.PopCount(size.Value);
        if (nodes.Length != expected)
        {
            throw new ArgumentException($"a compact range of size {size} has {expected} nodes, got {nodes.Length}", nameof(nodes));
        }

        var range = new CompactRange { Size = size, _count = nodes.Length };
        nodes.CopyTo(range._nodes);
        return range;
    }

    /// <summary>Appends a leaf hash (already prefixed with 0x00, see <see cref="MerkleHash.Leaf"/>).</summary>
    public void Append(in Sha256Hash leafHash) => Append(leafHash, []);

    /// <summary>
    /// Appends a leaf hash and writes the nodes that became complete, in post-order: the leaf first,
    /// then each parent that the append completed, lowest first. <paramref name="completed"/> needs room
    /// for <c>1 + trailing ones of Size</c> hashes (65 always suffices); pass an empty span to skip.
    /// </summary>
    /// <returns>How many hashes were written to <paramref name="completed"/>.</returns>
    public int Append(in Sha256Hash leafHash, Span<Sha256Hash> completed)
    {
        if (Size.Value == ulong.MaxValue)
        {
            throw new InvalidOperationException("the tree is full");
        }

        var record = !completed.IsEmpty;
        var written = 0;
        if (record)
        {
            completed[written] = leafHash;
        }

        written++;
        var hash = leafHash;
        // Each trailing one bit of the old size is a perfect subtree of the same height as the
        // one being carried: merge it, exactly as a binary counter propagates a carry.
        var carries = BitOperations.TrailingZeroCount(~Size.Value);
        for (var i = 0; i < carries; i++)
        {
            _count--;
            hash = MerkleHash.Node(_nodes[_count], hash);
            if (record)
            {
                completed[written] = hash;
            }

            written++;
        }

        _nodes[_count++] = hash;
        Size = new TreeSize(Size.Value + 1);
        return record ? written : 0;
    }

    /// <summary>The RFC 9162 root hash of the covered leaves (the empty-tree hash when there are none).</summary>
    public Sha256Hash ComputeRoot() => FoldRight(Nodes);

    /// <summary>The current tree head.</summary>
    public TreeHead Head => new(Size, ComputeRoot());

    /// <summary>A copy that can be advanced independently.</summary>
    public CompactRange Clone() => FromNodes(Size, Nodes);

    /// <summary>
    /// Hashes a run of perfect subtree roots, largest first, into the root of the subtree they
    /// cover: the right-most pair is joined first because RFC 9162 splits a range at the largest
    /// power of two, leaving the ragged remainder on the right.
    /// </summary>
    internal static Sha256Hash FoldRight(ReadOnlySpan<Sha256Hash> nodes)
    {
        if (nodes.IsEmpty)
        {
            return MerkleHash.EmptyTree;
        }

        var hash = nodes[^1];
        for (var i = nodes.Length - 2; i >= 0; i--)
        {
            hash = MerkleHash.Node(nodes[i], hash);
        }

        return hash;
    }
}
