using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;

namespace Tracehound.Ledger;

/// <summary>
/// An Ed25519 public key for verifying signed notes, in the C2SP / Go <c>sumdb/note</c> verifier key
/// format <c>&lt;name&gt;+&lt;hex key id&gt;+&lt;base64(0x01 || public key)&gt;</c>, the same text the
/// Go tooling (and witnesses) accept, so an auditor can verify checkpoints with standard tools.
/// </summary>
public sealed class NoteVerifierKey
{
    /// <summary>The signed-note signature type byte of Ed25519.</summary>
    public const byte Ed25519SignatureType = 0x01;

    private readonly NSec.Cryptography.PublicKey _key;

    private NoteVerifierKey(string name, uint keyId, byte[] publicKey)
    {
        Name = name;
        KeyId = keyId;
        _publicKey = publicKey;
        _key = NSec.Cryptography.PublicKey.Import(SignatureAlgorithm.Ed25519, publicKey, KeyBlobFormat.RawPublicKey);
    }

    private readonly byte[] _publicKey;

    /// <summary>The key name (e.g. the log origin).</summary>
    public string Name { get; }

    /// <summary>The key id: the first four bytes (big-endian) of SHA-256(name || 0x0A || 0x01 || public key).</summary>
    public uint KeyId { get; }

    /// <summary>The 32-byte Ed25519 public key.</summary>
    public ReadOnlySpan<byte> PublicKey => _publicKey;

    /// <summary>Creates a verifier key from a name and a raw 32-byte Ed25519 public key.</summary>
    public static NoteVerifierKey FromPublicKey(string name, ReadOnlySpan<byte> publicKey)
    {
        if (!IsValidKeyName(name))
        {
            throw new ArgumentException($"key name '{name}' must be non-empty without spaces or '+'", nameof(name));
        }

        if (publicKey.Length != 32)
        {
            throw new ArgumentException($"an Ed25519 public key has 32 bytes, got {publicKey.Length}", nameof(publicKey));
        }

        return new NoteVerifierKey(name, ComputeKeyId(name, publicKey), publicKey.ToArray());
    }

    /// <summary>Parses the verifier key text format, checking that the key id matches the key.</summary>
    /// <exception cref="FormatException">The text is not a valid Ed25519 verifier key.</exception>
    public static NoteVerifierKey Parse(string text) =>
        TryParse(text, out var key, out var error) ? key : throw new FormatException(error);

    /// <summary>Parses the verifier key text format, returning false with the reason.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out NoteVerifierKey? key, [NotNullWhen(false)] out string? error)
    {
        key = null;
        var parts = (text ?? string.Empty).Trim().Split('+');
        // The base64 of the key may itself contain '+': everything after the second '+' is the key.
        if (parts.Length < 3)
        {
            error = "a verifier key is <name>+<hex key id>+<base64 key>";
            return false;
        }

        var name = parts[0];
        var idText = parts[1];
        var keyText = string.Join('+', parts.Skip(2));
        if (!IsValidKeyName(name))
        {
            error = $"key name '{name}' must be non-empty without spaces or '+'";
            return false;
        }

        if (idText.Length != 8 || !uint.TryParse(idText, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var keyId))
        {
            error = $"key id '{idText}' is not 8 hex digits";
            return false;
        }

        byte[] blob;
        try
        {
            blob = Convert.FromBase64String(keyText);
        }
        catch (FormatException)
        {
            error = "key material is not base64";
            return false;
        }

        if (blob.Length != 33 || blob[0] != Ed25519SignatureType)
        {
            error = "key material is not an Ed25519 key (0x01 followed by 32 bytes)";
            return false;
        }

        var publicKey = blob.AsSpan(1);
        if (ComputeKeyId(name, publicKey) != keyId)
        {
            error = $"key id {idText} does not match the key";
            return false;
        }

        try
        {
            key = new NoteVerifierKey(name, keyId, publicKey.ToArray());
        }
        catch (FormatException)
        {
            error = "key material is not a valid Ed25519 public key";
            return false;
        }

        error = null;
        return true;
    }

    /// <summary>Reads every verifier key in a file, one per line (blank lines and lines starting with '#' are skipped).</summary>
    /// <exception cref="FormatException">A line is not a valid verifier key.</exception>
    public static IReadOnlyList<NoteVerifierKey> ReadFile(string path)
    {
        var keys = new List<NoteVerifierKey>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (!TryParse(line, out var key, out var error))
            {
                throw new FormatException($"{path}:{lineNumber}: {error}");
            }

            keys.Add(key);
        }

        return keys;
    }

    /// <summary>Verifies an Ed25519 signature over the note text.</summary>
    public bool Verify(ReadOnlySpan<byte> text, ReadOnlySpan<byte> signature) =>
        signature.Length == 64 && SignatureAlgorithm.Ed25519.Verify(_key, text, signature);

    /// <summary>The signed-note key id of a name and an Ed25519 public key.</summary>
    public static uint ComputeKeyId(string name, ReadOnlySpan<byte> publicKey)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[nameBytes.Length + 2 + publicKey.Length];
        nameBytes.CopyTo(input, 0);
        input[nameBytes.Length] = 0x0A;
        input[nameBytes.Length + 1] = Ed25519SignatureType;
        publicKey.CopyTo(input.AsSpan(nameBytes.Length + 2));
        return BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData(input));
    }

    /// <summary>True for a non-empty key name without Unicode spaces or '+'.</summary>
    public static bool IsValidKeyName([NotNullWhen(true)] string? name) =>
        !string.IsNullOrEmpty(name) && !name.Any(c => char.IsWhiteSpace(c) || c == '+' || char.IsControl(c));

    /// <summary>The verifier key text: <c>name+hexid+base64(0x01||key)</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Name}+{KeyId:x8}+{Convert.ToBase64String([Ed25519SignatureType, .. _publicKey])}");
}
