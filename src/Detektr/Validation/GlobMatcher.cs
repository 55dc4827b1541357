using System.Text;

namespace Detektr.Validation;

/// <summary>
/// Whole-text matching of parsed wildcard tokens, for <see cref="PathGlob"/> and
/// <see cref="WildcardPattern"/>: memoised over (token, position), so a pattern with many stars stays
/// polynomial on long command lines instead of backtracking exponentially.
/// </summary>
internal sealed class GlobMatcher
{
    private readonly GlobToken[] _tokens;
    private readonly StringComparison _comparison;
    private readonly char? _separator;

    /// <param name="tokens">The pattern.</param>
    /// <param name="comparison">How literals compare.</param>
    /// <param name="separator">The character one-character and within-segment tokens never match (a path's '/'), or none.</param>
    public GlobMatcher(GlobToken[] tokens, StringComparison comparison, char? separator)
    {
        _tokens = tokens;
        _comparison = comparison;
        _separator = separator;
    }

    /// <summary>True when the whole of <paramref name="text"/> matches.</summary>
    public bool IsMatch(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // memo[t, p]: 0 unknown, 1 matches, 2 does not.
        var memo = new byte[(_tokens.Length + 1) * (text.Length + 1)];
        return Match(0, 0, text, memo);
    }

    /// <summary>Adds the pending literal, if any, as a token and clears it.</summary>
    public static void Flush(List<GlobToken> tokens, StringBuilder literal)
    {
        if (literal.Length > 0)
        {
            tokens.Add(new GlobToken(GlobTokenKind.Literal, literal.ToString()));
            literal.Clear();
        }
    }

    private bool Match(int token, int position, string text, byte[] memo)
    {
        var slot = token * (text.Length + 1) + position;
        if (memo[slot] != 0)
        {
            return memo[slot] == 1;
        }

        bool result;
        if (token == _tokens.Length)
        {
            result = position == text.Length;
        }
        else
        {
            var current = _tokens[token];
            switch (current.Kind)
            {
                case GlobTokenKind.Literal:
                    result = text.AsSpan(position).StartsWith(current.Literal, _comparison) &&
                             Match(token + 1, position + current.Literal.Length, text, memo);
                    break;
                case GlobTokenKind.OneCharacter:
                    if (position >= text.Length || text[position] == _separator)
                    {
                        result = false;
                        break;
                    }

                    // A surrogate pair is one character.
                    var width = char.IsHighSurrogate(text[position]) && position + 1 < text.Length && char.IsLowSurrogate(text[position + 1]) ? 2 : 1;
                    result = Match(token + 1, position + width, text, memo);
                    break;
                case GlobTokenKind.AnyRunWithinSegment:
                    result = false;
                    for (var end = position; end <= text.Length && !result; end++)
                    {
                        result = Match(token + 1, end, text, memo);
                        if (end < text.Length && text[end] == _separator)
                        {
                            break;
                        }
                    }

                    break;
                case GlobTokenKind.AnyRun:
                    result = false;
                    for (var end = position; end <= text.Length && !result; end++)
                    {
                        result = Match(token + 1, end, text, memo);
                    }

                    break;
                default:
                    // Zero segments, or any run that ends just after a separator.
                    result = Match(token + 1, position, text, memo);
                    for (var end = position; end < text.Length && !result; end++)
                    {
                        if (text[end] == _separator)
                        {
                            result = Match(token + 1, end + 1, text, memo);
                        }
                    }

                    break;
            }
        }

        memo[slot] = result ? (byte)1 : (byte)2;
        return result;
    }
}
