using System.Security.Cryptography;

namespace Tracehound.Ledger;

/// <summary>
/// RFC 9162 §2.1.1 hashing: leaves are <c>SHA-256(0x00 || data)</c>, interior nodes are
/// <c>SHA-256(0x01 || left || right)</c>, and the empty tree is <c>SHA-256("")</c>. The domain
/// separation bytes keep a leaf from ever being mistaken for a node (second-preimage resistance).
/// </summary>
public static class MerkleHash
{
    /// <summary>The prefix byte of a leaf hash.</summary>
    public const byte LeafPrefix = 0x00;

    /// <summary>The prefix byte of an interior node hash.</summary>
    public const byte NodePrefix = 0x01;

    private static readonly byte[] LeafPrefixBytes = [LeafPrefix];
    private static readonly byte[] NodePrefixBytes = [NodePrefix];

    // One reusable hash object per thread: the one-shot API sets up a new native context per call,
    // which costs more than hashing a 100-byte record.
    [ThreadStatic]
    private static IncrementalHash? t_sha256;

    /// <summary>The root of the empty tree: SHA-256 of the empty string.</summary>
    public static Sha256Hash EmptyTree { get; } = Sha256Hash.Compute([]);

    /// <summary>The leaf hash of <paramref name="data"/>: SHA-256(0x00 || data).</summary>
    public static Sha256Hash Leaf(ReadOnlySpan<byte> data)
    {
        var sha = t_sha256 ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(LeafPrefixBytes);
        sha.AppendData(data);
        Span<byte> digest = stackalloc byte[Sha256Hash.Size];
        sha.GetHashAndReset(digest);
        return Sha256Hash.FromBytes(digest);
    }

    /// <summary>The hash of an interior node: SHA-256(0x01 || left || right).</summary>
    public static Sha256Hash Node(in Sha256Hash left, in Sha256Hash right)
    {
        var sha = t_sha256 ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> buffer = stackalloc byte[1 + (2 * Sha256Hash.Size)];
        buffer[0] = NodePrefix;
        left.CopyTo(buffer[1..]);
        right.CopyTo(buffer[(1 + Sha256Hash.Size)..]);
        sha.AppendData(buffer);
        Span<byte> digest = stackalloc byte[Sha256Hash.Size];
        sha.GetHashAndReset(digest);
        return Sha256Hash.FromBytes(digest);
    }
}
