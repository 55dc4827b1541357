using System.Globalization;

namespace Detektr.Sensors.Strace;

/// <summary>The return part of a call line: <c>3&lt;/tmp/f&gt;</c>, <c>-1 ENOENT (No such file...)</c>,
/// <c>0</c>, <c>?</c>, <c>-1 EPERM (Operation not permitted) (INJECTED)</c>.</summary>
/// <param name="Value">The numeric return value, or null for <c>?</c>.</param>
/// <param name="Errno">The errno name when the call failed.</param>
/// <param name="Decoration">The fd decoration of the return value (the path of a new descriptor).</param>
/// <param name="Injected">True when strace injected the result (a call the seccomp policy refuses).</param>
internal readonly record struct StraceResult(long? Value, string? Errno, string? Decoration, bool Injected)
{
    /// <summary>True when the call returned a non-negative value.</summary>
    public bool Succeeded => Value is >= 0 && Errno is null;

    /// <summary>Parses the text after <c>= </c>.</summary>
    public static StraceResult Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return new StraceResult(null, null, null, false);
        }

        var injected = text.Contains("(INJECTED)", StringComparison.Ordinal);
        var end = 0;
        while (end < text.Length && text[end] != ' ' && text[end] != '<')
        {
            end++;
        }

        var number = text[..end];
        long? value = null;
        if (number.StartsWith("0x", StringComparison.Ordinal))
        {
            if (long.TryParse(number.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hex))
            {
                value = hex;
            }
        }
        else if (long.TryParse(number, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var dec))
        {
            value = dec;
        }

        string? decoration = null;
        var rest = text[end..];
        if (rest.StartsWith('<'))
        {
            var close = StraceSyntax.SkipDecoration(text, end);
            decoration = StraceSyntax.ParseDescriptor(text[..close]).Decoration;
            rest = text[close..];
        }

        string? errno = null;
        var trimmed = rest.TrimStart();
        if (value is < 0 || number == "?")
        {
            var word = trimmed.Split(' ')[0];
            if (word.Length > 1 && word[0] == 'E' && word.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c)))
            {
                errno = word;
            }
        }

        return new StraceResult(value, errno, decoration, injected);
    }
}
