using System.Buffers;
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

    // Leaves up to this size are hashed from a stack buffer; larger ones from a pooled array.
    private const int StackLeafLimit = 1024;

    /// <summary>The root of the empty tree: SHA-256 of the empty string.</summary>
    public static Sha256Hash EmptyTree { get; } = Sha256Hash.Compute([]);

    /// <summary>The leaf hash of <paramref name="data"/>: SHA-256(0x00 || data).</summary>
    public static Sha256Hash Leaf(ReadOnlySpan<byte> data)
    {
        byte[]? rented = null;
        var length = data.Length + 1;
        var buffer = length <= StackLeafLimit
            ? stackalloc byte[StackLeafLimit]
            : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            buffer[0] = LeafPrefix;
            data.CopyTo(buffer[1..]);
            Span<byte> digest = stackalloc byte[Sha256Hash.Size];
            SHA256.HashData(buffer[..length], digest);
            return Sha256Hash.FromBytes(digest);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>The hash of an interior node: SHA-256(0x01 || left || right).</summary>
    public static Sha256Hash Node(in Sha256Hash left, in Sha256Hash right)
    {
        Span<byte> buffer = stackalloc byte[1 + (2 * Sha256Hash.Size)];
        buffer[0] = NodePrefix;
        left.CopyTo(buffer[1..]);
        right.CopyTo(buffer[(1 + Sha256Hash.Size)..]);
        Span<byte> digest = stackalloc byte[Sha256Hash.Size];
        SHA256.HashData(buffer, digest);
        return Sha256Hash.FromBytes(digest);
    }
}
