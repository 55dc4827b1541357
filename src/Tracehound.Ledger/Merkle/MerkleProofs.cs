using System.Numerics;

namespace Tracehound.Ledger;

/// <summary>
/// RFC 9162 §2.1.3.1 (PATH) and §2.1.4.1 (SUBPROOF), computed over stored perfect subtrees. Every
/// range the recursion visits is either a perfect aligned subtree (read as one node) or a suffix
/// <c>[begin, size)</c> on the tree's right border, which is the fold of the perfect subtrees that
/// the binary decomposition of its width gives.
/// </summary>
internal static class MerkleProofs
{
    public static Sha256Hash[] Inclusion(IMerkleNodeReader reader, ulong index, ulong size)
    {
        var proof = new List<Sha256Hash>(64);
        Path(reader, index, 0, size, proof);
        return [.. proof];
    }

    public static Sha256Hash[] Consistency(IMerkleNodeReader reader, ulong size1, ulong size2)
    {
        var proof = new List<Sha256Hash>(64);
        if (size1 > 0 && size1 < size2)
        {
            SubProof(reader, size1, 0, size2, complete: true, proof);
        }

        return [.. proof];
    }

    /// <summary>The root hash of the tree of the given size.</summary>
    public static Sha256Hash Root(IMerkleNodeReader reader, ulong size) => size == 0 ? MerkleHash.EmptyTree : SubtreeHash(reader, 0, size);

    private static void Path(IMerkleNodeReader reader, ulong index, ulong begin, ulong end, List<Sha256Hash> proof)
    {
        if (end - begin == 1)
        {
            return;
        }

        var split = begin + LargestPowerOfTwoBelow(end - begin);
        if (index < split)
        {
            Path(reader, index, begin, split, proof);
            proof.Add(SubtreeHash(reader, split, end));
        }
        else
        {
            Path(reader, index, split, end, proof);
            proof.Add(SubtreeHash(reader, begin, split));
        }
    }

    // `oldWidth` is the old tree's extent inside [begin, end); `complete` is RFC 9162's b flag:
    // true while [begin, end) is a prefix subtree whose hash the verifier already knows as root1.
    private static void SubProof(IMerkleNodeReader reader, ulong oldWidth, ulong begin, ulong end, bool complete, List<Sha256Hash> proof)
    {
        if (oldWidth == end - begin)
        {
            if (!complete)
            {
                proof.Add(SubtreeHash(reader, begin, end));
            }

            return;
        }

        var half = LargestPowerOfTwoBelow(end - begin);
        if (oldWidth <= half)
        {
            SubProof(reader, oldWidth, begin, begin + half, complete, proof);
            proof.Add(SubtreeHash(reader, begin + half, end));
        }
        else
        {
            SubProof(reader, oldWidth - half, begin + half, end, complete: false, proof);
            proof.Add(SubtreeHash(reader, begin, begin + half));
        }
    }

    /// <summary>MTH(D[begin:end]) where begin is aligned and end is either aligned or the tree size.</summary>
    public static Sha256Hash SubtreeHash(IMerkleNodeReader reader, ulong begin, ulong end)
    {
        var width = end - begin;
        if (BitOperations.IsPow2(width) && (begin & (width - 1)) == 0)
        {
            var level = BitOperations.Log2(width);
            return reader.ReadNode(level, begin >> level);
        }

        // A ragged right-border range: its perfect pieces are the set bits of its width, largest first.
        Span<Sha256Hash> pieces = stackalloc Sha256Hash[64];
        var count = 0;
        var at = begin;
        for (var level = 63; level >= 0; level--)
        {
            var pieceWidth = 1UL << level;
            if ((width & pieceWidth) != 0)
            {
                pieces[count++] = reader.ReadNode(level, at >> level);
                at += pieceWidth;
            }
        }

        return CompactRange.FoldRight(pieces[..count]);
    }

    /// <summary>The largest power of two strictly below <paramref name="n"/> (n ≥ 2), RFC 9162's k.</summary>
    private static ulong LargestPowerOfTwoBelow(ulong n) => 1UL << BitOperations.Log2(n - 1);
}
