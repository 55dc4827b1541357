namespace Detektr.Sigma.Detection;

/// <summary>
/// Matches any pattern of literals, <c>*</c> and <c>?</c> without backtracking: the pattern is cut at
/// each <c>*</c> into fixed pieces; an anchored first piece must match at the start, an anchored last
/// piece at the end, and every piece between is taken at its leftmost occurrence, which is always
/// safe because an earlier piece end never leaves less room for the pieces after it. <c>?</c>
/// consumes one Unicode character (a surrogate pair counts as one), so runs stay on character
/// boundaries and leftmost starts give leftmost ends.
/// </summary>
internal sealed class GlobMatcher : StringMatcher
{
    private readonly Piece[] _pieces;
    private readonly bool _anchoredStart;
    private readonly bool _anchoredEnd;
    private readonly bool _hasAnyString;
    private readonly StringComparison _comparison;

    public GlobMatcher(SigmaPattern pattern, StringComparison comparison)
    {
        _comparison = comparison;
        var tokens = pattern.Tokens;
        _hasAnyString = tokens.Any(t => t.Kind == SigmaPatternTokenKind.AnyString);
        _anchoredStart = tokens.Length == 0 || tokens[0].Kind != SigmaPatternTokenKind.AnyString;
        _anchoredEnd = tokens.Length == 0 || tokens[^1].Kind != SigmaPatternTokenKind.AnyString;

        var pieces = new List<Piece>();
        var current = new List<SigmaPatternToken>();
        foreach (SigmaPatternToken token in tokens)
        {
            if (token.Kind == SigmaPatternTokenKind.AnyString)
            {
                if (current.Count > 0)
                {
                    pieces.Add(new Piece([.. current]));
                    current.Clear();
                }
            }
            else
            {
                current.Add(token);
            }
        }

        if (current.Count > 0 || pieces.Count == 0)
        {
            pieces.Add(new Piece([.. current]));
        }

        _pieces = [.. pieces];
    }

    public override bool IsMatch(ReadOnlySpan<char> text)
    {
        if (!_hasAnyString)
        {
            return MatchAt(_pieces[0], text, 0, out int end) && end == text.Length;
        }

        int start = 0;
        int limit = text.Length;
        int first = 0;
        int last = _pieces.Length - 1;
        if (_anchoredStart)
        {
            if (!MatchAt(_pieces[0], text, 0, out start))
            {
                return false;
            }

            first = 1;
        }

        if (_anchoredEnd)
        {
            if (!MatchBackward(_pieces[last], text, text.Length, out limit) || limit < start)
            {
                return false;
            }

            last--;
        }

        ReadOnlySpan<char> window = text[..limit];
        for (int i = first; i <= last; i++)
        {
            if (!Find(_pieces[i], window, ref start))
            {
                return false;
            }
        }

        return true;
    }

    private bool Find(Piece piece, ReadOnlySpan<char> text, ref int position)
    {
        if (piece.Tokens.Length == 0)
        {
            return true;
        }

        SigmaPatternToken head = piece.Tokens[0];
        if (head.Kind == SigmaPatternTokenKind.Literal)
        {
            int from = position;
            while (from <= text.Length)
            {
                int index = text[from..].IndexOf(head.Text, _comparison);
                if (index < 0)
                {
                    return false;
                }

                int candidate = from + index;
                if (MatchAt(piece, text, candidate, out int end))
                {
                    position = end;
                    return true;
                }

                from = candidate + 1;
            }

            return false;
        }

        for (int candidate = position; candidate < text.Length; candidate += CharLength(text, candidate))
        {
            if (MatchAt(piece, text, candidate, out int end))
            {
                position = end;
                return true;
            }
        }

        return false;
    }

    private bool MatchAt(Piece piece, ReadOnlySpan<char> text, int position, out int end)
    {
        foreach (SigmaPatternToken token in piece.Tokens)
        {
            if (token.Kind == SigmaPatternTokenKind.Literal)
            {
                if (!text[position..].StartsWith(token.Text, _comparison))
                {
                    end = 0;
                    return false;
                }

                position += token.Text.Length;
            }
            else
            {
                if (position >= text.Length)
                {
                    end = 0;
                    return false;
                }

                position += CharLength(text, position);
            }
        }

        end = position;
        return true;
    }

    private bool MatchBackward(Piece piece, ReadOnlySpan<char> text, int position, out int start)
    {
        for (int i = piece.Tokens.Length - 1; i >= 0; i--)
        {
            SigmaPatternToken token = piece.Tokens[i];
            if (token.Kind == SigmaPatternTokenKind.Literal)
            {
                if (!text[..position].EndsWith(token.Text, _comparison))
                {
                    start = 0;
                    return false;
                }

                position -= token.Text.Length;
            }
            else
            {
                if (position <= 0)
                {
                    start = 0;
                    return false;
                }

                position -= position >= 2 && char.IsLowSurrogate(text[position - 1]) && char.IsHighSurrogate(text[position - 2]) ? 2 : 1;
            }
        }

        start = position;
        return true;
    }

    private static int CharLength(ReadOnlySpan<char> text, int position) =>
        char.IsHighSurrogate(text[position]) && position + 1 < text.Length && char.IsLowSurrogate(text[position + 1]) ? 2 : 1;

    private sealed class Piece(SigmaPatternToken[] tokens)
    {
        public SigmaPatternToken[] Tokens { get; } = tokens;
    }
}
