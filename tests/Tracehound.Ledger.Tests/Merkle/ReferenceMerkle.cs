using System.Security.Cryptography;

namespace Tracehound.Ledger.Tests.Merkle;

/// <summary>
/// RFC 9162 §2.1 written out literally over raw leaf data (MTH, PATH, SUBPROOF), slow and obviously
/// right, to check the production code against.
/// </summary>
internal static class ReferenceMerkle
{
    public static byte[] Mth(IReadOnlyList<byte[]> d)
    {
        if (d.Count == 0)
        {
            return SHA256.HashData([]);
        }

        if (d.Count == 1)
        {
            return SHA256.HashData([0x00, .. d[0]]);
        }

        var k = LargestPowerOfTwoBelow(d.Count);
        return SHA256.HashData([0x01, .. Mth(Slice(d, 0, k)), .. Mth(Slice(d, k, d.Count))]);
    }

    public static List<byte[]> Path(int m, IReadOnlyList<byte[]> d)
    {
        if (d.Count == 1)
        {
            return [];
        }

        var k = LargestPowerOfTwoBelow(d.Count);
        if (m < k)
        {
            return [.. Path(m, Slice(d, 0, k)), Mth(Slice(d, k, d.Count))];
        }

        return [.. Path(m - k, Slice(d, k, d.Count)), Mth(Slice(d, 0, k))];
    }

    public static List<byte[]> Proof(int m, IReadOnlyList<byte[]> d) => m == 0 || m == d.Count ? [] : SubProof(m, d, true);

    private static List<byte[]> SubProof(int m, IReadOnlyList<byte[]> d, bool b)
    {
        if (m == d.Count)
        {
            return b ? [] : [Mth(d)];
        }

        var k = LargestPowerOfTwoBelow(d.Count);
        if (m <= k)
        {
            return [.. SubProof(m, Slice(d, 0, k), b), Mth(Slice(d, k, d.Count))];
        }

        return [.. SubProof(m - k, Slice(d, k, d.Count), false), Mth(Slice(d, 0, k))];
    }

    public static List<byte[]> Leaves(int count) =>
        [.. Enumerable.Range(0, count).Select(i => BitConverter.GetBytes(i * 2654435761u))];

    private static IReadOnlyList<byte[]> Slice(IReadOnlyList<byte[]> d, int from, int to) => [.. d.Skip(from).Take(to - from)];

    private static int LargestPowerOfTwoBelow(int n)
    {
        var k = 1;
        while (k * 2 < n)
        {
            k *= 2;
        }

        return k;
    }
}
