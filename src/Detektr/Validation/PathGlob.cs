using System.Text;

namespace Detektr.Validation;

/// <summary>A sandbox path pattern: <c>*</c> matches any run of characters within one path segment,
/// <c>?</c> one character other than <c>/</c>, <c>**</c> any run of characters across segments, and
/// <c>**/</c> zero or more whole directories (so <c>/etc/**/job</c> matches <c>/etc/job</c> and
/// <c>/etc/cron.d/job</c>). A backslash makes the next character literal. Matching is case-sensitive,
/// as Linux paths are, and covers the whole path.</summary>
public sealed class PathGlob
{
    private readonly GlobMatcher _matcher;

    private PathGlob(string text, GlobToken[] tokens)
    {
        Text = text;
        _matcher = new GlobMatcher(tokens, StringComparison.Ordinal, '/');
    }

    /// <summary>The glob as written.</summary>
    public string Text { get; }

    /// <summary>Parses <paramref name="text"/>.</summary>
    public static PathGlob Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<GlobToken>();
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
                GlobMatcher.Flush(tokens, literal);
                i++;
                while (i + 1 < text.Length && text[i + 1] == '*')
                {
                    i++;
                }

                if (i + 1 < text.Length && text[i + 1] == '/')
                {
                    i++;
                    tokens.Add(new GlobToken(GlobTokenKind.WholeSegments));
                }
                else
                {
                    tokens.Add(new GlobToken(GlobTokenKind.AnyRun));
                }
            }
            else if (c is '*' or '?')
            {
                GlobMatcher.Flush(tokens, literal);
                tokens.Add(new GlobToken(c == '*' ? GlobTokenKind.AnyRunWithinSegment : GlobTokenKind.OneCharacter));
            }
            else
            {
                literal.Append(c);
            }
        }

        GlobMatcher.Flush(tokens, literal);
        return new PathGlob(text, tokens.ToArray());
    }

    /// <summary>True when the whole of <paramref name="path"/> matches.</summary>
    public bool IsMatch(string path) => _matcher.IsMatch(path);

    /// <summary>The glob as written.</summary>
    public override string ToString() => Text;
}
