using System.Numerics;

namespace Tracehound.Ledger;

/// <summary>
/// The stored tree hash file: a 16-byte header (<c>"THLHASH1"</c> and 8 zero bytes) then every
/// perfect subtree hash (32 bytes) in post-order, i.e. in the order appends complete them: leaf
/// <c>k</c>, then the parents it completed, lowest first. A tree of <c>n</c> leaves holds
/// <c>2n - popcount(n)</c> of them, so the position of any node is a closed formula.
/// </summary>
internal static class HashFormat
{
    public const int HeaderSize = 16;

    public static ReadOnlySpan<byte> Header => "THLHASH1\0\0\0\0\0\0\0\0"u8;

    /// <summary>Entries stored once a tree has <paramref name="leaves"/> leaves.</summary>
    public static long EntriesFor(ulong leaves) => (long)((2 * leaves) - (ulong)BitOperations.PopCount(leaves));

    /// <summary>
    /// The post-order position of the node at <paramref name="level"/>, <paramref name="index"/>: it is
    /// written right after the leaves before it completed their nodes, plus the <c>level</c> nodes
    /// below it that the same append completed.
    /// </summary>
    public static long Position(int level, ulong index)
    {
        var leavesBefore = ((index + 1) << level) - 1;
        return EntriesFor(leavesBefore) + level;
    }

    public static long Offset(long position) => HeaderSize + (position * Sha256Hash.Size);

    /// <summary>The largest leaf count whose entries fit in <paramref name="entries"/> stored hashes.</summary>
    public static ulong LeavesCoveredBy(long entries)
    {
        // EntriesFor is increasing; binary search the largest n with EntriesFor(n) <= entries.
        ulong low = 0, high = (ulong)Math.Max(entries, 0) + 1;
        while (low + 1 < high)
        {
            var mid = low + ((high - low) / 2);
            if (EntriesFor(mid) <= entries)
            {
                low = mid;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }
}
