using System.Text;

namespace Detektr.Validation;

/// <summary>A text pattern with Sigma's wildcards, for process images, command lines, host and DNS names
/// in validation specs: <c>*</c> matches any run of characters, <c>?</c> exactly one (a surrogate pair
/// counts as one), a backslash escapes <c>*</c>, <c>?</c> and itself (before anything else it is a plain
/// backslash). Matching is case-insensitive (ordinal) and covers the whole text, exactly as a Sigma
/// rule's plain string value matches a field.</summary>
public sealed class WildcardPattern
{
    private readonly Token[] _tokens;

    private WildcardPattern(string text, Token[] tokens)
    {
        Text = text;
        _tokens = tokens;
    }

    /// <summary>The pattern as written.</summary>
    public string Text { get; }

    /// <summary>Parses <paramref name="text"/>.</summary>
    public static WildcardPattern Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<Token>();
        var literal = new StringBuilder();
        var escaped = false;
        foreach (var c in text)
        {
            if (escaped)
            {
                if (c is not ('*' or '?' or '\\'))
                {
                    literal.Append('\\');
                }

                literal.Append(c);
                escaped = false;
            }
            else if (c == '\\')
            {
                escaped = true;
            }
            else if (c is '*' or '?')
            {
                Flush(tokens, literal);
                if (c == '?' || tokens.Count == 0 || tokens[^1].Kind != TokenKind.AnyString)
                {
                    tokens.Add(new Token(c == '*' ? TokenKind.AnyString : TokenKind.AnyCharacter, string.Empty));
                }
            }
            else
            {
                literal.Append(c);
            }
        }

        if (escaped)
        {
            literal.Append('\\');
        }

        Flush(tokens, literal);
        return new WildcardPattern(text, tokens.ToArray());
    }

    /// <summary>True when the whole of <paramref name="value"/> matches.</summary>
    public bool IsMatch(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        // memo[t, p]: 0 unknown, 1 matches, 2 does not; tokens × positions stays small for command lines.
        var memo = new byte[(_tokens.Length + 1) * (value.Length + 1)];
        return Match(0, 0, value, memo);
    }

    /// <summary>The pattern as written.</summary>
    public override string ToString() => Text;

    private bool Match(int token, int position, string value, byte[] memo)
    {
        var slot = token * (value.Length + 1) + position;
        if (memo[slot] != 0)
        {
            return memo[slot] == 1;
        }

        bool result;
        if (token == _tokens.Length)
        {
            result = position == value.Length;
        }
        else
        {
            var current = _tokens[token];
            switch (current.Kind)
            {
                case TokenKind.Literal:
                    result = value.AsSpan(position).StartsWith(current.Literal, StringComparison.OrdinalIgnoreCase) &&
                             Match(token + 1, position + current.Literal.Length, value, memo);
                    break;
                case TokenKind.AnyCharacter:
                    if (position >= value.Length)
                    {
                        result = false;
                        break;
                    }

                    var width = char.IsHighSurrogate(value[position]) && position + 1 < value.Length && char.IsLowSurrogate(value[position + 1]) ? 2 : 1;
                    result = Match(token + 1, position + width, value, memo);
                    break;
                default:
                    result = false;
                    for (var end = position; end <= value.Length && !result; end++)
                    {
                        result = Match(token + 1, end, value, memo);
                    }

                    break;
            }
        }

        memo[slot] = result ? (byte)1 : (byte)2;
        return result;
    }

    private static void Flush(List<Token> tokens, StringBuilder literal)
    {
        if (literal.Length > 0)
        {
            tokens.Add(new Token(TokenKind.Literal, literal.ToString()));
            literal.Clear();
        }
    }

    private enum TokenKind
    {
        Literal,
        AnyString,
        AnyCharacter,
    }

    private readonly record struct Token(TokenKind Kind, string Literal);
}
