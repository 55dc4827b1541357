using System.Globalization;

namespace Detektr.Cli;

/// <summary>Parses sizes such as <c>512M</c>, <c>1G</c>, <c>64k</c>, <c>1048576</c> (binary units).</summary>
internal static class ByteSizeParser
{
    public static bool TryParse(string? text, out long bytes)
    {
        bytes = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        var multiplier = 1L;
        var last = char.ToUpperInvariant(text[^1]);
        if (last == 'B' && text.Length > 1 && char.IsLetter(text[^2]))
        {
            text = text[..^1];
            last = char.ToUpperInvariant(text[^1]);
        }

        switch (last)
        {
            case 'K': multiplier = 1L << 10; text = text[..^1]; break;
            case 'M': multiplier = 1L << 20; text = text[..^1]; break;
            case 'G': multiplier = 1L << 30; text = text[..^1]; break;
            case 'T': multiplier = 1L << 40; text = text[..^1]; break;
        }

        if (!double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value <= 0)
        {
            return false;
        }

        var result = value * multiplier;
        if (result > long.MaxValue)
        {
            return false;
        }

        bytes = (long)result;
        return true;
    }
}
