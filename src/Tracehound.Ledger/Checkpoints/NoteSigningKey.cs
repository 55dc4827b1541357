using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using NSec.Cryptography;

namespace Tracehound.Ledger;

/// <summary>
/// An Ed25519 key that signs notes under a key name. Its text form is the Go <c>sumdb/note</c> signer
/// key <c>PRIVATE+KEY+&lt;name&gt;+&lt;hex id&gt;+&lt;base64(0x01 || seed)&gt;</c>.
/// </summary>
public sealed class NoteSigningKey : IDisposable
{
    private const string SignerPrefix = "PRIVATE+KEY+";

    private readonly Key _key;

    private NoteSigningKey(string name, Key key)
    {
        _key = key;
        Verifier = NoteVerifierKey.FromPublicKey(name, key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
    }

    /// <summary>The key name.</summary>
    public string Name => Verifier.Name;

    /// <summary>The signed-note key id.</summary>
    public uint KeyId => Verifier.KeyId;

    /// <summary>The public half, for verification.</summary>
    public NoteVerifierKey Verifier { get; }

    /// <summary>Generates a new key; the 32-byte seed comes from <see cref="RandomNumberGenerator"/>.</summary>
    public static NoteSigningKey Generate(string name)
    {
        Span<byte> seed = stackalloc byte[32];
        RandomNumberGenerator.Fill(seed);
        try
        {
            return FromSeed(name, seed);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }

    /// <summary>Creates a key from a 32-byte RFC 8032 seed.</summary>
    public static NoteSigningKey FromSeed(string name, ReadOnlySpan<byte> seed)
    {
        if (!NoteVerifierKey.IsValidKeyName(name))
        {
            throw new ArgumentException($"key name '{name}' must be non-empty without spaces or '+'", nameof(name));
        }

        if (seed.Length != 32)
        {
            throw new ArgumentException($"an Ed25519 seed has 32 bytes, got {seed.Length}", nameof(seed));
        }

        var key = Key.Import(SignatureAlgorithm.Ed25519, seed, KeyBlobFormat.RawPrivateKey, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        return new NoteSigningKey(name, key);
    }

    /// <summary>Parses the signer key text, checking that the id matches the key.</summary>
    /// <exception cref="FormatException">The text is not a valid Ed25519 signer key.</exception>
    public static NoteSigningKey Parse(string text) =>
        TryParse(text, out var key, out var error) ? key : throw new FormatException(error);

    /// <summary>Parses the signer key text, returning false with the reason.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out NoteSigningKey? key, [NotNullWhen(false)] out string? error)
    {
        key = null;
        text = text?.Trim();
        if (text is null || !text.StartsWith(SignerPrefix, StringComparison.Ordinal))
        {
            error = "a signer key starts with PRIVATE+KEY+";
            return false;
        }

        var parts = text[SignerPrefix.Length..].Split('+');
        if (parts.Length < 3)
        {
            error = "a signer key is PRIVATE+KEY+<name>+<hex key id>+<base64 key>";
            return false;
        }

        byte[] blob;
        try
        {
            blob = Convert.FromBase64String(string.Join('+', parts.Skip(2)));
        }
        catch (FormatException)
        {
            error = "key material is not base64";
            return false;
        }

        try
        {
            if (blob.Length != 33 || blob[0] != NoteVerifierKey.Ed25519SignatureType || !NoteVerifierKey.IsValidKeyName(parts[0]))
            {
                error = "key material is not an Ed25519 seed (0x01 followed by 32 bytes) under a valid name";
                return false;
            }

            key = FromSeed(parts[0], blob.AsSpan(1));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(blob);
        }

        if (!string.Equals(parts[1], key.KeyId.ToString("x8", CultureInfo.InvariantCulture), StringComparison.OrdinalIgnoreCase))
        {
            key.Dispose();
            key = null;
            error = $"key id {parts[1]} does not match the key";
            return false;
        }

        error = null;
        return true;
    }

    /// <summary>Signs the note text (RFC 8032 Ed25519; deterministic).</summary>
    public byte[] Sign(ReadOnlySpan<byte> text) => SignatureAlgorithm.Ed25519.Sign(_key, text);

    /// <summary>The signer key text. It holds the private key: store it with owner-only permissions.</summary>
    public string ToSignerKeyString()
    {
        var seed = _key.Export(KeyBlobFormat.RawPrivateKey);
        try
        {
            return string.Create(CultureInfo.InvariantCulture, $"{SignerPrefix}{Name}+{KeyId:x8}+{Convert.ToBase64String([NoteVerifierKey.Ed25519SignatureType, .. seed])}");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }

    /// <summary>The verifier key text (never the private key).</summary>
    public override string ToString() => Verifier.ToString();

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();
}
