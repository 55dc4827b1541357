using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Tracehound.Ledger;

/// <summary>
/// A C2SP signed note (c2sp.org/signed-note): a text ending in a newline, a blank line, then one or
/// more lines <c>— &lt;key name&gt; base64(4-byte key id || signature)</c>. Parsing is strict (UTF-8,
/// no control characters but newline, every line well formed).
/// </summary>
public sealed class SignedNote
{
    /// <summary>The most signature lines accepted when parsing.</summary>
    public const int MaxSignatures = 100;

    private const string SignaturePrefix = "\u2014 ";

    private SignedNote(string text, IReadOnlyList<NoteSignature> signatures)
    {
        Text = text;
        Signatures = signatures;
    }

    /// <summary>The signed text, including its final newline.</summary>
    public string Text { get; }

    /// <summary>The signature lines in order.</summary>
    public IReadOnlyList<NoteSignature> Signatures { get; }

    /// <summary>Signs <paramref name="text"/> (which must end in a newline) with each key, in order.</summary>
    public static SignedNote Sign(string text, IEnumerable<NoteSigningKey> keys)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(keys);
        if (!IsValidText(text))
        {
            throw new ArgumentException("note text must be non-empty UTF-8 text ending in a newline, without control characters other than newline", nameof(text));
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        var signatures = keys.Select(key => new NoteSignature(key.Name, key.KeyId, key.Sign(bytes))).ToList();
        if (signatures.Count == 0)
        {
            throw new ArgumentException("a signed note needs at least one key", nameof(keys));
        }

        return new SignedNote(text, signatures);
    }

    /// <summary>Adds signatures by more keys (for example during a key rotation).</summary>
    public SignedNote AddSignatures(IEnumerable<NoteSigningKey> keys)
    {
        var bytes = Encoding.UTF8.GetBytes(Text);
        return new SignedNote(Text, [.. Signatures, .. keys.Select(key => new NoteSignature(key.Name, key.KeyId, key.Sign(bytes)))]);
    }

    /// <summary>Parses a signed note strictly.</summary>
    /// <exception cref="FormatException">The note is malformed.</exception>
    public static SignedNote Parse(string note) =>
        TryParse(note, out var parsed, out var error) ? parsed : throw new FormatException(error);

    /// <summary>Parses a signed note strictly, returning false with the reason.</summary>
    public static bool TryParse(string? note, [NotNullWhen(true)] out SignedNote? parsed, [NotNullWhen(false)] out string? error)
    {
        parsed = null;
        if (string.IsNullOrEmpty(note) || note.Any(c => c < 0x20 && c != '\n') || note.Contains('\u007f', StringComparison.Ordinal) || HasLoneSurrogate(note))
        {
            error = "a note must be UTF-8 text without control characters other than newline";
            return false;
        }

        // The text ends at the last blank line; signature lines follow it.
        var split = note.LastIndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0)
        {
            error = "a note needs a blank line between the text and the signatures";
            return false;
        }

        var text = note[..(split + 1)];
        var block = note[(split + 2)..];
        if (block.Length == 0 || block[^1] != '\n')
        {
            error = "the signature block must be non-empty and end in a newline";
            return false;
        }

        var signatures = new List<NoteSignature>();
        foreach (var line in block[..^1].Split('\n'))
        {
            if (signatures.Count == MaxSignatures)
            {
                error = $"a note carries at most {MaxSignatures} signatures";
                return false;
            }

            if (!TryParseSignatureLine(line, out var signature, out error))
            {
                return false;
            }

            signatures.Add(signature);
        }

        parsed = new SignedNote(text, signatures);
        error = null;
        return true;
    }

    /// <summary>
    /// Verifies the note against trusted keys, following the signed-note rules: signatures by unknown
    /// keys are ignored; a signature by a known key (same name and id) must verify; at least one must.
    /// </summary>
    public NoteVerificationResult Verify(IEnumerable<NoteVerifierKey> trustedKeys)
    {
        ArgumentNullException.ThrowIfNull(trustedKeys);
        var keys = trustedKeys.ToList();
        var bytes = Encoding.UTF8.GetBytes(Text);
        var verified = new List<NoteVerifierKey>();
        foreach (var signature in Signatures)
        {
            var key = keys.FirstOrDefault(k => k.KeyId == signature.KeyId && string.Equals(k.Name, signature.KeyName, StringComparison.Ordinal));
            if (key is null)
            {
                continue;
            }

            if (!key.Verify(bytes, signature.Signature))
            {
                return NoteVerificationResult.Failure($"signature by {signature.KeyName}+{signature.KeyId:x8} does not verify");
            }

            verified.Add(key);
        }

        return verified.Count == 0
            ? NoteVerificationResult.Failure("no signature by a trusted key")
            : NoteVerificationResult.Success(verified);
    }

    /// <summary>The note in its exact text form.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder(Text).Append('\n');
        foreach (var signature in Signatures)
        {
            var blob = new byte[4 + signature.Signature.Length];
            BinaryPrimitives.WriteUInt32BigEndian(blob, signature.KeyId);
            signature.Signature.CopyTo(blob, 4);
            builder.Append(SignaturePrefix).Append(signature.KeyName).Append(' ').Append(Convert.ToBase64String(blob)).Append('\n');
        }

        return builder.ToString();
    }

    private static bool TryParseSignatureLine(string line, [NotNullWhen(true)] out NoteSignature? signature, [NotNullWhen(false)] out string? error)
    {
        signature = null;
        if (!line.StartsWith(SignaturePrefix, StringComparison.Ordinal))
        {
            error = $"signature line '{line}' does not start with an em dash and a space";
            return false;
        }

        var rest = line[SignaturePrefix.Length..];
        var space = rest.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0)
        {
            error = $"signature line '{line}' has no key name";
            return false;
        }

        var name = rest[..space];
        if (!NoteVerifierKey.IsValidKeyName(name))
        {
            error = $"signature line has an invalid key name '{name}'";
            return false;
        }

        byte[] blob;
        try
        {
            blob = Convert.FromBase64String(rest[(space + 1)..]);
        }
        catch (FormatException)
        {
            error = $"signature by {name} is not base64";
            return false;
        }

        if (blob.Length < 5 || !string.Equals(Convert.ToBase64String(blob), rest[(space + 1)..], StringComparison.Ordinal))
        {
            error = $"signature by {name} is too short or not canonical base64";
            return false;
        }

        signature = new NoteSignature(name, BinaryPrimitives.ReadUInt32BigEndian(blob), blob[4..]);
        error = null;
        return true;
    }

    private static bool IsValidText(string text) =>
        text.Length > 0 && text[^1] == '\n' && !text.Any(c => c < 0x20 && c != '\n') && !text.Contains('\u007f', StringComparison.Ordinal) && !HasLoneSurrogate(text);

    private static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }
}
