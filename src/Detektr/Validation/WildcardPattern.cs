using System.Text;

namespace Detektr.Validation;

/// <summary>A text pattern with Sigma's wildcards, for process images, command lines, host and DNS names
/// in validation specs: <c>*</c> matches any run of characters, <c>?</c> exactly one (a surrogate pair
/// counts as one), a backslash escapes <c>*</c>, <c>?</c> and itself (before anything else it is a plain
/// backslash). Matching is case-insensitive (ordinal) and covers the whole text, exactly as a Sigma
/// rule's plain string value matches a field.</summary>
public sealed class WildcardPattern
{
    private readonly GlobMatcher _matcher;

    private WildcardPattern(string text, GlobToken[] tokens)
    {
        Text = text;
        _matcher = new GlobMatcher(tokens, StringComparison.OrdinalIgnoreCase, separator: null);
    }

    /// <summary>The pattern as written.</summary>
    public string Text { get; }

    /// <summary>Parses <paramref name="text"/>.</summary>
    public static WildcardPattern Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<GlobToken>();
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
                GlobMatcher.Flush(tokens, literal);
                if (c == '?' || tokens.Count == 0 || tokens[^1].Kind != GlobTokenKind.AnyRun)
                {
                    tokens.Add(new GlobToken(c == '*' ? GlobTokenKind.AnyRun : GlobTokenKind.OneCharacter));
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

        GlobMatcher.Flush(tokens, literal);
        return new WildcardPattern(text, tokens.ToArray());
    }

    /// <summary>True when the whole of <paramref name="value"/> matches.</summary>
    public bool IsMatch(string value) => _matcher.IsMatch(value);

    /// <summary>The pattern as written.</summary>
    public override string ToString() => Text;
}
