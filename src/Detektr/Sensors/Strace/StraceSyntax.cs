namespace Detektr.Sensors.Strace;

/// <summary>Scanning helpers for strace's argument syntax: quoted strings with C escapes, fd decorations
/// (<c>3&lt;/path&gt;</c>), and nested brackets, braces and parentheses.</summary>
internal static class StraceSyntax
{
    /// <summary>Returns the index just past the ')' that closes the argument list starting at
    /// <paramref name="start"/> (the character after '('), or -1 when the list does not close.</summary>
    public static int FindClosingParenthesis(string text, int start)
    {
        var depth = 1;
        var i = start;
        while (i < text.Length)
        {
            var c = text[i];
            switch (c)
            {
                case '"':
                    i = SkipString(text, i);
                    continue;
                case '<':
                    i = SkipDecoration(text, i);
                    continue;
                case '(' or '[' or '{':
                    depth++;
                    break;
                case ')' or ']' or '}':
                    depth--;
                    if (depth == 0)
                    {
                        return i + 1;
                    }

                    break;
            }

            i++;
        }

        return -1;
    }

    /// <summary>Splits a comma-separated list at its top level (not inside strings, decorations or brackets).</summary>
    public static List<string> SplitTopLevel(string text)
    {
        var parts = new List<string>();
        var depth = 0;
        var start = 0;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            switch (c)
            {
                case '"':
                    i = SkipString(text, i);
                    continue;
                case '<':
                    i = SkipDecoration(text, i);
                    continue;
                case '(' or '[' or '{':
                    depth++;
                    break;
                case ')' or ']' or '}':
                    depth--;
                    break;
                case ',' when depth == 0:
                    parts.Add(text[start..i].Trim());
                    start = i + 1;
                    break;
            }

            i++;
        }

        var last = text[start..].Trim();
        if (last.Length > 0 || parts.Count > 0)
        {
            parts.Add(last);
        }

        return parts;
    }

    /// <summary>Index just past the closing quote of the string that opens at <paramref name="quote"/>.</summary>
    public static int SkipString(string text, int quote) => SkipPastUnescaped(text, quote + 1, '"');

    /// <summary>Index just past the '>' closing the decoration that opens at <paramref name="open"/>.
    /// strace escapes '>' inside decorated paths, so the first unescaped '>' closes it; '&lt;' that does not
    /// follow a descriptor (a digit or AT_FDCWD) is an ordinary character.</summary>
    public static int SkipDecoration(string text, int open)
    {
        var previous = open > 0 ? text[open - 1] : ' ';
        if (!char.IsAsciiDigit(previous) && !text.AsSpan(0, open).EndsWith("AT_FDCWD", StringComparison.Ordinal))
        {
            return open + 1;
        }

        return SkipPastUnescaped(text, open + 1, '>');
    }

    // Index just past the first closing character at or after start that no backslash escapes.
    private static int SkipPastUnescaped(string text, int start, char closing)
    {
        var i = start;
        while (i < text.Length)
        {
            if (text[i] == '\\')
            {
                i += 2;
                continue;
            }

            if (text[i] == closing)
            {
                return i + 1;
            }

            i++;
        }

        return text.Length;
    }

    /// <summary>Decodes a quoted string token (<c>"a\n\x01\177"</c>, possibly followed by <c>...</c> when
    /// strace truncated it) into its bytes.</summary>
    public static bool TryDecodeString(string token, out byte[] bytes, out bool truncated)
    {
        bytes = [];
        truncated = false;
        token = token.Trim();
        if (token.Length < 2 || token[0] != '"')
        {
            return false;
        }

        var end = SkipString(token, 0);
        if (end > token.Length || token[end - 1] != '"')
        {
            return false;
        }

        truncated = token.AsSpan(end).Trim().StartsWith("...", StringComparison.Ordinal);
        bytes = Unescape(token.AsSpan(1, end - 2));
        return true;
    }

    /// <summary>Decodes C escapes as strace prints them: \n \t \r \v \f \" \\ \NNN (octal) \xHH.</summary>
    public static byte[] Unescape(ReadOnlySpan<char> text)
    {
        var output = new List<byte>(text.Length);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c != '\\' || i + 1 >= text.Length)
            {
                if (c < 0x80)
                {
                    output.Add((byte)c);
                }
                else
                {
                    var written = System.Text.Encoding.UTF8.GetBytes(text.Slice(i, char.IsHighSurrogate(c) && i + 1 < text.Length ? 2 : 1), utf8);
                    for (var k = 0; k < written; k++)
                    {
                        output.Add(utf8[k]);
                    }

                    if (char.IsHighSurrogate(c))
                    {
                        i++;
                    }
                }

                continue;
            }

            var e = text[++i];
            switch (e)
            {
                case 'n': output.Add((byte)'\n'); break;
                case 't': output.Add((byte)'\t'); break;
                case 'r': output.Add((byte)'\r'); break;
                case 'v': output.Add(0x0B); break;
                case 'f': output.Add(0x0C); break;
                case 'a': output.Add(0x07); break;
                case 'b': output.Add(0x08); break;
                case 'x':
                {
                    var value = 0;
                    var digits = 0;
                    while (digits < 2 && i + 1 < text.Length && char.IsAsciiHexDigit(text[i + 1]))
                    {
                        value = (value * 16) + Convert.ToInt32(text[++i].ToString(), 16);
                        digits++;
                    }

                    output.Add((byte)value);
                    break;
                }

                case >= '0' and <= '7':
                {
                    var value = e - '0';
                    var digits = 1;
                    while (digits < 3 && i + 1 < text.Length && text[i + 1] is >= '0' and <= '7')
                    {
                        value = (value * 8) + (text[++i] - '0');
                        digits++;
                    }

                    output.Add((byte)value);
                    break;
                }

                default:
                    output.Add((byte)e);
                    break;
            }
        }

        return output.ToArray();
    }

    /// <summary>Decodes a quoted string as UTF-8 text (invalid sequences become U+FFFD).</summary>
    public static string? DecodeText(string token) =>
        TryDecodeString(token, out var bytes, out _) ? System.Text.Encoding.UTF8.GetString(bytes) : null;

    /// <summary>Parses a descriptor token with its decoration: <c>3&lt;/tmp/x&gt;</c>, <c>AT_FDCWD&lt;/tmp&gt;</c>,
    /// <c>3&lt;socket:[123]&gt;</c>. The decoration is unescaped; absent decorations give null.</summary>
    public static (string Descriptor, string? Decoration) ParseDescriptor(string token)
    {
        token = token.Trim();
        var open = token.IndexOf('<', StringComparison.Ordinal);
        if (open < 0 || !token.EndsWith('>'))
        {
            return (token, null);
        }

        var inner = token.AsSpan(open + 1, token.Length - open - 2);
        return (token[..open], System.Text.Encoding.UTF8.GetString(Unescape(inner)));
    }

    /// <summary>Parses a list of quoted strings (<c>["ls", "-l"]</c>); a trailing <c>...</c> sets
    /// <paramref name="truncated"/>.</summary>
    public static List<string> ParseStringArray(string token, out bool truncated)
    {
        truncated = false;
        var items = new List<string>();
        token = token.Trim();
        if (token.Length < 2 || token[0] != '[')
        {
            return items;
        }

        var closing = token.LastIndexOf(']');
        var inner = closing > 0 ? token[1..closing] : token[1..];
        foreach (var part in SplitTopLevel(inner))
        {
            if (part.StartsWith("...", StringComparison.Ordinal))
            {
                truncated = true;
                continue;
            }

            if (TryDecodeString(part, out var bytes, out var cut))
            {
                items.Add(System.Text.Encoding.UTF8.GetString(bytes));
                truncated |= cut;
            }
        }

        return items;
    }

    /// <summary>Splits a <c>{key=value, ...}</c> structure into its top-level fields.</summary>
    public static Dictionary<string, string> ParseStruct(string token)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        token = token.Trim();
        if (token.Length < 2 || token[0] != '{')
        {
            return fields;
        }

        var inner = token.EndsWith('}') ? token[1..^1] : token[1..];
        var index = 0;
        foreach (var part in SplitTopLevel(inner))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var quote = part.IndexOf('"', StringComparison.Ordinal);
            if (equals > 0 && (quote < 0 || equals < quote))
            {
                fields[part[..equals].Trim()] = part[(equals + 1)..].Trim();
            }
            else
            {
                // Unnamed members such as inet_pton(AF_INET6, "::1", &sin6_addr) keep their position.
                fields[$"#{index}"] = part;
            }

            index++;
        }

        return fields;
    }
}
