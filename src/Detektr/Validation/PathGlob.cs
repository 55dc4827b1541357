using System.Text;

namespace Detektr.Validation;

/// <summary>A sandbox path pattern: <c>*</c> matches any run of characters within one path segment,
/// <c>?</c> one character other than <c>/</c>, <c>**</c> any run of characters across segments, and
/// <c>**/</c> zero or more whole directories (so <c>/etc/**/job</c> matches <c>/etc/job</c> and
/// <c>/etc/cron.d/job</c>). A backslash makes the next character literal. Matching is case-sensitive,
/// as Linux paths are, and covers the whole path.</summary>
public sealed class PathGlob
{
    private readonly Token[] _tokens;

    private PathGlob(string text, Token[] tokens)
    {
        Text = text;
        _tokens = tokens;
    }

    /// <summary>The glob as written.</summary>
    public string Text { get; }

    /// <summary>Parses <paramref name="text"/>.</summary>
    public static PathGlob Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<Token>();
        var literal = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length)
            {
                literal.Append(text[++i]);
            }
            else if (c == '*' && i + 1 < text.Length && text[i + 1] == '*')
            {
                Flush(tokens, literal);
                i++;
                while (i + 1 < text.Length && text[i + 1] == '*')
                {
                    i++;
                }

                if (i + 1 < text.Length && text[i + 1] == '/')
                {
                    i++;
                    tokens.Add(new Token(TokenKind.Directories, string.Empty));
                }
                else
                {
                    tokens.Add(new Token(TokenKind.AnyPath, string.Empty));
                }
            }
            else if (c is '*' or '?')
            {
                Flush(tokens, literal);
                tokens.Add(new Token(c == '*' ? TokenKind.AnySegmentText : TokenKind.OneCharacter, string.Empty));
            }
            else
            {
                literal.Append(c);
            }
        }

        Flush(tokens, literal);
        return new PathGlob(text, tokens.ToArray());
    }

    /// <summary>True when the whole of <paramref name="path"/> matches.</summary>
    public bool IsMatch(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var memo = new byte[(_tokens.Length + 1) * (path.Length + 1)];
        return Match(0, 0, path, memo);
    }

    /// <summary>The glob as written.</summary>
    public override string ToString() => Text;

    private bool Match(int token, int position, string path, byte[] memo)
    {
        var slot = token * (path.Length + 1) + position;
        if (memo[slot] != 0)
        {
            return memo[slot] == 1;
        }

        bool result;
        if (token == _tokens.Length)
        {
            result = position == path.Length;
        }
        else
        {
            var current = _tokens[token];
            switch (current.Kind)
            {
                case TokenKind.Literal:
                    result = path.AsSpan(position).StartsWith(current.Literal, StringComparison.Ordinal) &&
                             Match(token + 1, position + current.Literal.Length, path, memo);
                    break;
                case TokenKind.OneCharacter:
                    result = position < path.Length && path[position] != '/' && Match(token + 1, position + 1, path, memo);
                    break;
                case TokenKind.AnySegmentText:
                    result = false;
                    for (var end = position; end <= path.Length && !result; end++)
                    {
                        result = Match(token + 1, end, path, memo);
                        if (end < path.Length && path[end] == '/')
                        {
                            break;
                        }
                    }

                    break;
                case TokenKind.AnyPath:
                    result = false;
                    for (var end = position; end <= path.Length && !result; end++)
                    {
                        result = Match(token + 1, end, path, memo);
                    }

                    break;
                default:
                    // Zero directories, or any run that ends just after a '/'.
                    result = Match(token + 1, position, path, memo);
                    for (var end = position; end < path.Length && !result; end++)
                    {
                        if (path[end] == '/')
                        {
                            result = Match(token + 1, end + 1, path, memo);
                        }
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
        OneCharacter,
        AnySegmentText,
        AnyPath,
        Directories,
    }

    private readonly record struct Token(TokenKind Kind, string Literal);
}
