using System.Security.Cryptography;

namespace Detektr;

/// <summary>A SHA-256 digest. Equality is constant-time, so a digest can be checked against an expected
/// one without leaking where they differ.</summary>
public readonly struct Sha256Hash : IEquatable<Sha256Hash>
{
    /// <summary>Length of a digest in bytes.</summary>
    public const int Length = 32;

    private readonly byte[]? _bytes;

    private Sha256Hash(byte[] bytes) => _bytes = bytes;

    /// <summary>The digest bytes (32 of them; empty for <c>default</c>).</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>Wraps 32 digest bytes.</summary>
    public static Sha256Hash FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Length)
        {
            throw new ArgumentException($"a SHA-256 digest has {Length} bytes, got {bytes.Length}", nameof(bytes));
        }

        return new Sha256Hash(bytes.ToArray());
    }

    /// <summary>Parses 64 hexadecimal digits.</summary>
    public static bool TryParse(string? hex, out Sha256Hash hash)
    {
        hash = default;
        if (hex is null || hex.Length != Length * 2)
        {
            return false;
        }

        try
        {
            hash = new Sha256Hash(Convert.FromHexString(hex));
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>Digest of a byte sequence.</summary>
    public static Sha256Hash Of(ReadOnlySpan<byte> data) => new(SHA256.HashData(data));

    /// <summary>Digest of a file's content, streamed.</summary>
    public static Sha256Hash OfFile(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16);
        return new Sha256Hash(SHA256.HashData(stream));
    }

    /// <summary>Lower-case hexadecimal form.</summary>
    public override string ToString() => _bytes is null ? string.Empty : Convert.ToHexStringLower(_bytes);

    /// <inheritdoc />
    public bool Equals(Sha256Hash other) =>
        CryptographicOperations.FixedTimeEquals(Bytes, other.Bytes);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Sha256Hash other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _bytes is null ? 0 : BitConverter.ToInt32(_bytes, 0);

    /// <summary>Compares two digests in constant time.</summary>
    public static bool operator ==(Sha256Hash left, Sha256Hash right) => left.Equals(right);

    /// <summary>Compares two digests in constant time.</summary>
    public static bool operator !=(Sha256Hash left, Sha256Hash right) => !left.Equals(right);
}
