using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace Tracehound.Ledger;

/// <summary>
/// A SHA-256 digest: exactly 32 bytes, printed as lower-case hex, compared in constant time.
/// </summary>
public readonly struct Sha256Hash : IEquatable<Sha256Hash>, ISpanFormattable
{
    /// <summary>The number of bytes in a SHA-256 digest.</summary>
    public const int Size = 32;

    private readonly Bytes32 _bytes;

    private Sha256Hash(ReadOnlySpan<byte> bytes) => bytes.CopyTo(_bytes);

    /// <summary>The digest bytes. The span stays valid as long as this value does.</summary>
    [UnscopedRef]
    public ReadOnlySpan<byte> AsSpan() => _bytes;

    /// <summary>Creates a hash from exactly 32 bytes.</summary>
    /// <exception cref="ArgumentException">The span is not 32 bytes long.</exception>
    public static Sha256Hash FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
        {
            throw new ArgumentException($"a SHA-256 hash has {Size} bytes, got {bytes.Length}", nameof(bytes));
        }

        return new Sha256Hash(bytes);
    }

    /// <summary>Creates a hash from a span; returns false when it is not exactly 32 bytes.</summary>
    public static bool TryFromBytes(ReadOnlySpan<byte> bytes, out Sha256Hash hash)
    {
        if (bytes.Length != Size)
        {
            hash = default;
            return false;
        }

        hash = new Sha256Hash(bytes);
        return true;
    }

    /// <summary>Computes the plain SHA-256 digest of <paramref name="data"/> (no Merkle prefix).</summary>
    public static Sha256Hash Compute(ReadOnlySpan<byte> data)
    {
        Span<byte> digest = stackalloc byte[Size];
        SHA256.HashData(data, digest);
        return new Sha256Hash(digest);
    }

    /// <summary>Parses 64 hex digits (either case).</summary>
    /// <exception cref="FormatException">The text is not 64 hex digits.</exception>
    public static Sha256Hash Parse(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        if (!TryParse(hex, out var hash))
        {
            throw new FormatException($"a SHA-256 hash is {Size * 2} hex digits, got '{hex}'");
        }

        return hash;
    }

    /// <summary>Parses 64 hex digits (either case); returns false for anything else.</summary>
    public static bool TryParse([NotNullWhen(true)] string? hex, out Sha256Hash hash) => TryParse(hex.AsSpan(), out hash);

    /// <summary>Parses 64 hex digits (either case); returns false for anything else.</summary>
    public static bool TryParse(ReadOnlySpan<char> hex, out Sha256Hash hash)
    {
        hash = default;
        if (hex.Length != Size * 2)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[Size];
        var status = Convert.FromHexString(hex, bytes, out _, out var written);
        if (status != System.Buffers.OperationStatus.Done || written != Size)
        {
            return false;
        }

        hash = new Sha256Hash(bytes);
        return true;
    }

    /// <summary>Copies the 32 bytes into <paramref name="destination"/>.</summary>
    public void CopyTo(Span<byte> destination) => AsSpan().CopyTo(destination);

    /// <summary>Returns a new array holding the 32 bytes.</summary>
    public byte[] ToArray() => AsSpan().ToArray();

    /// <summary>Standard base64 (RFC 4648 §4), as used by checkpoints and transparency-dev test data.</summary>
    public string ToBase64() => Convert.ToBase64String(AsSpan());

    /// <summary>Lower-case hex, 64 characters.</summary>
    public override string ToString() => Convert.ToHexStringLower(AsSpan());

    /// <inheritdoc />
    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    /// <inheritdoc />
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        if (destination.Length < Size * 2)
        {
            charsWritten = 0;
            return false;
        }

        return Convert.TryToHexStringLower(AsSpan(), destination, out charsWritten);
    }

    /// <summary>Constant-time comparison of the 32 bytes.</summary>
    public bool Equals(Sha256Hash other) => CryptographicOperations.FixedTimeEquals(AsSpan(), other.AsSpan());

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Sha256Hash other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => BinaryPrimitives.ReadInt32LittleEndian(AsSpan());

    /// <summary>Constant-time equality.</summary>
    public static bool operator ==(Sha256Hash left, Sha256Hash right) => left.Equals(right);

    /// <summary>Constant-time inequality.</summary>
    public static bool operator !=(Sha256Hash left, Sha256Hash right) => !left.Equals(right);

    [InlineArray(Size)]
    private struct Bytes32
    {
        private byte _element;
    }
}
