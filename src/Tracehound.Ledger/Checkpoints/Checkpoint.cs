using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Tracehound.Ledger;

/// <summary>
/// A C2SP transparency log checkpoint body (c2sp.org/tlog-checkpoint): the origin line, the tree
/// size in decimal, and the base64 root hash, each followed by a newline.
/// </summary>
/// <param name="Origin">The log's identity, e.g. <c>tracehound.local/ledger-1a2b3c4d</c>.</param>
/// <param name="Head">The tree head.</param>
public sealed record Checkpoint(string Origin, TreeHead Head)
{
    /// <summary>The note text: <c>origin\nsize\nbase64(root)\n</c>.</summary>
    public string ToNoteText() =>
        string.Create(CultureInfo.InvariantCulture, $"{Origin}\n{Head.Size.Value}\n{Head.RootHash.ToBase64()}\n");

    /// <summary>Parses a checkpoint body strictly (extension lines, when present, must be non-empty and are ignored).</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out Checkpoint? checkpoint, [NotNullWhen(false)] out string? error)
    {
        checkpoint = null;
        if (string.IsNullOrEmpty(text) || text[^1] != '\n')
        {
            error = "checkpoint text must end in a newline";
            return false;
        }

        var lines = text[..^1].Split('\n');
        if (lines.Length < 3 || lines.Any(l => l.Length == 0))
        {
            error = "checkpoint needs non-empty origin, size and root lines";
            return false;
        }

        var sizeText = lines[1];
        if (!sizeText.All(char.IsAsciiDigit) || (sizeText.Length > 1 && sizeText[0] == '0')
            || !ulong.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out var size))
        {
            error = $"checkpoint size '{sizeText}' is not a decimal number without leading zeros";
            return false;
        }

        byte[] root;
        try
        {
            root = Convert.FromBase64String(lines[2]);
        }
        catch (FormatException)
        {
            error = "checkpoint root is not base64";
            return false;
        }

        if (!Sha256Hash.TryFromBytes(root, out var rootHash))
        {
            error = $"checkpoint root has {root.Length} bytes, want 32";
            return false;
        }

        checkpoint = new Checkpoint(lines[0], new TreeHead(new TreeSize(size), rootHash));
        error = null;
        return true;
    }

    /// <summary>The note text.</summary>
    public override string ToString() => ToNoteText();
}

