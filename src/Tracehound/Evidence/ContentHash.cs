using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Tracehound;

/// <summary>A SHA-256 digest of canonical payload bytes. Equality compares all 32 bytes in constant time.</summary>
[StructLayout(LayoutKind.Auto)]
public readonly struct ContentHash : IEquatable<ContentHash>
{
    /// <summary>The digest length in bytes.</summary>
    public const int Length = 32;

    private readonly ulong _a;
    private readonly ulong _b;
    private readonly ulong _c;
    private readonly ulong _d;

    private ContentHash(ulong a, ulong b, ulong c, ulong d)
    {
        _a = a;
        _b = b;
        _c = c;
        _d = d;
    }

    /// <summary>Wraps 32 digest bytes.</summary>
    public static ContentHash FromBytes(ReadOnlySpan<byte> digest)
    {
        if (digest.Length != Length)
        {
            throw new ArgumentException($"A SHA-256 digest has {Length} bytes, not {digest.Length}.", nameof(digest));
        }

        return new ContentHash(
            BinaryPrimitives.ReadUInt64BigEndian(digest),
            BinaryPrimitives.ReadUInt64BigEndian(digest[8..]),
            BinaryPrimitives.ReadUInt64BigEndian(digest[16..]),
            BinaryPrimitives.ReadUInt64BigEndian(digest[24..]));
    }

    [ThreadStatic]
    private static IncrementalHash? t_sha256;

    /// <summary>Computes the SHA-256 of <paramref name="data"/>.</summary>
    public static ContentHash Compute(ReadOnlySpan<byte> data)
    {
        // A per-thread hash context: the one-shot API sets up a new native context per call, which
        // costs about a third of hashing a typical small payload.
        var sha256 = t_sha256 ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> digest = stackalloc byte[Length];
        sha256.AppendData(data);
        sha256.GetHashAndReset(digest);
        return FromBytes(digest);
    }

    /// <summary>Parses 64 hexadecimal digits (either case).</summary>
    public static bool TryParse([NotNullWhen(true)] string? hex, out ContentHash hash) => TryParse(hex.AsSpan(), out hash);

    /// <summary>Parses 64 hexadecimal digits (either case).</summary>
    public static bool TryParse(ReadOnlySpan<char> hex, out ContentHash hash)
    {
        hash = default;
        if (hex.Length != Length * 2)
        {
            return false;
        }

        Span<byte> digest = stackalloc byte[Length];
        if (Convert.FromHexString(hex, digest, out _, out var written) != System.Buffers.OperationStatus.Done || written != Length)
        {
            return false;
        }

        hash = FromBytes(digest);
        return true;
    }

    /// <summary>Writes the 32 digest bytes.</summary>
    public void CopyTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, _a);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _b);
        BinaryPrimitives.WriteUInt64BigEndian(destination[16..], _c);
        BinaryPrimitives.WriteUInt64BigEndian(destination[24..], _d);
    }

    /// <summary>The 32 digest bytes.</summary>
    public byte[] ToArray()
    {
        var bytes = new byte[Length];
        CopyTo(bytes);
        return bytes;
    }

    /// <summary>Constant-time comparison: the time taken does not depend on where the digests differ.</summary>
    public bool Equals(ContentHash other) => ((_a ^ other._a) | (_b ^ other._b) | (_c ^ other._c) | (_d ^ other._d)) == 0;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ContentHash other && Equals(other);

    /// <summary>
    /// Mixes the whole digest with a per-process random seed (<see cref="HashCode"/>). Attackers choose the
    /// payloads, so a hash code that is a fixed function of the digest would let them grind payloads into one
    /// bucket of the quarantine's index and turn every lookup into a scan of it.
    /// </summary>
    public override int GetHashCode() => HashCode.Combine(_a, _b, _c, _d);

    /// <summary>The digest as 64 lower-case hexadecimal digits.</summary>
    public override string ToString()
    {
        Span<byte> digest = stackalloc byte[Length];
        CopyTo(digest);
        return Convert.ToHexStringLower(digest);
    }

    internal void FormatHex(Span<char> destination)
    {
        Span<byte> digest = stackalloc byte[Length];
        CopyTo(digest);
        Convert.TryToHexStringLower(digest, destination, out _);
    }

    /// <summary>Equality of digests.</summary>
    public static bool operator ==(ContentHash left, ContentHash right) => left.Equals(right);

    /// <summary>Inequality of digests.</summary>
    public static bool operator !=(ContentHash left, ContentHash right) => !left.Equals(right);
}
