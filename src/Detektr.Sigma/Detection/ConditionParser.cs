namespace Detektr.Sigma.Detection;

/// <summary>
/// Parses a Sigma condition into a node tree over the compiled search identifiers. Precedence, from
/// loosest to tightest: <c>or</c>, <c>and</c>, <c>not</c>, <c>1 of</c>/<c>all of</c>, parentheses.
/// </summary>
internal sealed class ConditionParser
{
    private readonly IReadOnlyList<KeyValuePair<string, DetectionNode>> _identifiers;
    private readonly Dictionary<string, DetectionNode> _byName;
    private readonly List<Token> _tokens;
    private int _next;

    private ConditionParser(string condition, IReadOnlyList<KeyValuePair<string, DetectionNode>> identifiers, List<Token> tokens)
    {
        Condition = condition;
        _identifiers = identifiers;
        _byName = identifiers.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        _tokens = tokens;
    }

    private string Condition { get; }

    /// <summary>Identifiers the condition refers to, directly or through a pattern.</summary>
    public HashSet<string> Used { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Parses <paramref name="condition"/>. On failure returns null with the error and whether it is an
    /// unsupported feature (aggregations, <c>near</c>) rather than a mistake.
    /// </summary>
    public static DetectionNode? Parse(string condition, IReadOnlyList<KeyValuePair<string, DetectionNode>> identifiers,
        HashSet<string> used, out string? error, out bool unsupported)
    {
        unsupported = false;
        int pipe = condition.IndexOf('|', StringComparison.Ordinal);
        if (pipe >= 0)
        {
            unsupported = true;
            error = $"aggregation conditions ('{condition[pipe..].Trim()}') are not supported; Sigma 2 expresses them as correlation rules";
            return null;
        }

        List<Token>? tokens = Tokenize(condition, out error);
        if (tokens is null)
        {
            return null;
        }

        if (tokens.Count == 0)
        {
            error = "the condition is empty";
            return null;
        }

        if (tokens.Any(t => t.Text == "near"))
        {
            unsupported = true;
            error = "the 'near' operator (an old form of temporal correlation) is not supported";
            return null;
        }

        var parser = new ConditionParser(condition, identifiers, tokens);
        DetectionNode? node = parser.ParseOr(out error, out unsupported);
        if (node is not null && parser._next < tokens.Count)
        {
            error = Unexpected(tokens[parser._next]);
            node = null;
        }

        used.UnionWith(parser.Used);
        return node;
    }

    private DetectionNode? ParseOr(out string? error, out bool unsupported)
    {
        var operands = new List<DetectionNode>();
        do
        {
            DetectionNode? operand = ParseAnd(out error, out unsupported);
            if (operand is null)
            {
                return null;
            }

            operands.Add(operand);
        }
        while (Accept("or"));

        return operands.Count == 1 ? operands[0] : new AnyNode([.. operands]);
    }

    private DetectionNode? ParseAnd(out string? error, out bool unsupported)
    {
        var operands = new List<DetectionNode>();
        do
        {
            DetectionNode? operand = ParseNot(out error, out unsupported);
            if (operand is null)
            {
                return null;
            }

            operands.Add(operand);
        }
        while (Accept("and"));

        return operands.Count == 1 ? operands[0] : new AllNode([.. operands]);
    }

    private DetectionNode? ParseNot(out string? error, out bool unsupported)
    {
        if (Accept("not"))
        {
            DetectionNode? operand = ParseNot(out error, out unsupported);
            return operand is null ? null : new NotNode(operand);
        }

        return ParsePrimary(out error, out unsupported);
    }

    private DetectionNode? ParsePrimary(out string? error, out bool unsupported)
    {
        unsupported = false;
        if (_next >= _tokens.Count)
        {
            error = "the condition ends where an identifier, 'not', '(' or '1 of'/'all of' was expected";
            return null;
        }

        Token token = _tokens[_next++];
        if (token.Text == "(")
        {
            DetectionNode? inner = ParseOr(out error, out unsupported);
            if (inner is null)
            {
                return null;
            }

            if (!Accept(")"))
            {
                error = $"the '(' at character {token.Offset + 1} of the condition is never closed";
                return null;
            }

            return inner;
        }

        if (token.Text is ")" or "and" or "or" or "of" or "them")
        {
            error = Unexpected(token);
            return null;
        }

        if (_next < _tokens.Count && _tokens[_next].Text == "of")
        {
            _next++;
            return ParseQuantified(token, out error, out unsupported);
        }

        if (!_byName.TryGetValue(token.Text, out DetectionNode? detection))
        {
            error = $"the condition refers to '{token.Text}', which is not a search identifier of the detection{CaseHint(token)}";
            return null;
        }

        Used.Add(token.Text);
        error = null;
        return detection;
    }

    private DetectionNode? ParseQuantified(Token quantifier, out string? error, out bool unsupported)
    {
        unsupported = false;
        bool all;
        if (quantifier.Text is "1" or "any")
        {
            all = false;
        }
        else if (quantifier.Text == "all")
        {
            all = true;
        }
        else
        {
            error = $"'{quantifier.Text} of' is not a quantifier; Sigma defines '1 of' (or 'any of') and 'all of'";
            return null;
        }

        if (_next >= _tokens.Count || _tokens[_next].Text is "(" or ")")
        {
            error = $"'{quantifier.Text} of' must be followed by 'them' or an identifier pattern";
            return null;
        }

        Token target = _tokens[_next++];
        var matched = new List<DetectionNode>();
        if (target.Text == "them")
        {
            foreach (KeyValuePair<string, DetectionNode> pair in _identifiers)
            {
                // Identifiers starting with an underscore are left out of 'them' by convention.
                if (!pair.Key.StartsWith('_'))
                {
                    matched.Add(pair.Value);
                    Used.Add(pair.Key);
                }
            }
        }
        else
        {
            var pattern = SigmaPattern.FromTokens(target.Text.Split('*')
                .SelectMany((part, i) => i == 0 ? [SigmaPatternToken.Literal(part)] : new[] { SigmaPatternToken.AnyString, SigmaPatternToken.Literal(part) }));
            bool includeUnderscored = target.Text.StartsWith('_');
            foreach (KeyValuePair<string, DetectionNode> pair in _identifiers)
            {
                if (pattern.IsMatch(pair.Key, caseSensitive: true) && (includeUnderscored || !pair.Key.StartsWith('_')))
                {
                    matched.Add(pair.Value);
                    Used.Add(pair.Key);
                }
            }
        }

        if (matched.Count == 0)
        {
            error = $"'{quantifier.Text} of {target.Text}' matches no search identifier of the detection";
            return null;
        }

        error = null;
        if (matched.Count == 1)
        {
            return matched[0];
        }

        return all ? new AllNode([.. matched]) : new AnyNode([.. matched]);
    }

    private static string Unexpected(Token token) =>
        $"unexpected '{token.Text}' at character {token.Offset + 1} of the condition{CaseHint(token)}";

    private static string CaseHint(Token token) =>
        token.Text is not ("and" or "or" or "not" or "of" or "them")
            && (token.Text.Equals("and", StringComparison.OrdinalIgnoreCase) || token.Text.Equals("or", StringComparison.OrdinalIgnoreCase)
                || token.Text.Equals("not", StringComparison.OrdinalIgnoreCase) || token.Text.Equals("of", StringComparison.OrdinalIgnoreCase))
            ? " (operators are written in lower case)"
            : string.Empty;

    private bool Accept(string text)
    {
        if (_next < _tokens.Count && _tokens[_next].Text == text)
        {
            _next++;
            return true;
        }

        return false;
    }

    private static List<Token>? Tokenize(string condition, out string? error)
    {
        var tokens = new List<Token>();
        int i = 0;
        while (i < condition.Length)
        {
            char c = condition[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            if (c is '(' or ')')
            {
                tokens.Add(new Token(c.ToString(), i));
                i++;
                continue;
            }

            int start = i;
            while (i < condition.Length && !char.IsWhiteSpace(condition[i]) && condition[i] is not ('(' or ')'))
            {
                char w = condition[i];
                if (!char.IsLetterOrDigit(w) && w is not ('_' or '-' or '*' or '.'))
                {
                    error = $"unexpected character '{w}' at character {i + 1} of the condition";
                    return null;
                }

                i++;
            }

            tokens.Add(new Token(condition[start..i], start));
        }

        error = null;
        return tokens;
    }

    private readonly record struct Token(string Text, int Offset);

    /// <inheritdoc />
    public override string ToString() => Condition;
}
