using System.Collections.Immutable;
using System.Text;

namespace Detektr.Sigma.Detection;

/// <summary>
/// A Sigma string value with its wildcards resolved: <c>*</c> matches any run of characters,
/// <c>?</c> exactly one, and a backslash escapes <c>*</c>, <c>?</c> and itself (a backslash before
/// any other character is a plain backslash), as the Sigma specification defines. Matching is
/// case-insensitive unless asked otherwise, and always covers the whole text.
/// </summary>
public sealed class SigmaPattern : IEquatable<SigmaPattern>
{
    private StringMatcher? _insensitive;
    private StringMatcher? _sensitive;

    private SigmaPattern(ImmutableArray<SigmaPatternToken> tokens) => Tokens = tokens;

    /// <summary>The tokens, with adjacent literals merged and runs of <c>*</c> collapsed.</summary>
    public ImmutableArray<SigmaPatternToken> Tokens { get; }

    /// <summary>True when the pattern has a <c>*</c> or <c>?</c> wildcard.</summary>
    public bool HasWildcards => Tokens.Any(t => t.Kind != SigmaPatternTokenKind.Literal);

    /// <summary>True when the pattern begins with <c>*</c>.</summary>
    public bool StartsWithAnyString => Tokens.Length > 0 && Tokens[0].Kind == SigmaPatternTokenKind.AnyString;

    /// <summary>True when the pattern ends with <c>*</c>.</summary>
    public bool EndsWithAnyString => Tokens.Length > 0 && Tokens[^1].Kind == SigmaPatternTokenKind.AnyString;

    /// <summary>Parses a Sigma string value, resolving wildcards and backslash escapes.</summary>
    public static SigmaPattern Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var tokens = new List<SigmaPatternToken>();
        var literal = new StringBuilder();
        bool escaped = false;
        foreach (char c in value)
        {
            if (escaped)
            {
                // Only wildcards and the backslash itself are escapable; "\x" stays "\x".
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
                tokens.Add(c == '*' ? SigmaPatternToken.AnyString : SigmaPatternToken.AnyCharacter);
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
        return FromTokens(tokens);
    }

    /// <summary>A pattern that matches exactly <paramref name="value"/>, wildcard characters included.</summary>
    public static SigmaPattern Literal(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return FromTokens(value.Length == 0 ? [] : [SigmaPatternToken.Literal(value)]);
    }

    /// <summary>Builds a pattern from tokens, merging adjacent literals and collapsing <c>**</c>.</summary>
    public static SigmaPattern FromTokens(IEnumerable<SigmaPatternToken> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var normalized = ImmutableArray.CreateBuilder<SigmaPatternToken>();
        foreach (SigmaPatternToken token in tokens)
        {
            if (token.Kind == SigmaPatternTokenKind.Literal)
            {
                if (token.Text.Length == 0)
                {
                    continue;
                }

                if (normalized.Count > 0 && normalized[^1].Kind == SigmaPatternTokenKind.Literal)
                {
                    normalized[^1] = SigmaPatternToken.Literal(normalized[^1].Text + token.Text);
                    continue;
                }
            }
            else if (token.Kind == SigmaPatternTokenKind.AnyString
                && normalized.Count > 0 && normalized[^1].Kind == SigmaPatternTokenKind.AnyString)
            {
                continue;
            }

            normalized.Add(token);
        }

        return new SigmaPattern(normalized.ToImmutable());
    }

    /// <summary>The same pattern with <c>*</c> put before it (unless it already starts with one).</summary>
    public SigmaPattern WithLeadingAnyString() =>
        StartsWithAnyString ? this : FromTokens(Tokens.Insert(0, SigmaPatternToken.AnyString));

    /// <summary>The same pattern with <c>*</c> put after it (unless it already ends with one).</summary>
    public SigmaPattern WithTrailingAnyString() =>
        EndsWithAnyString ? this : FromTokens(Tokens.Add(SigmaPatternToken.AnyString));

    /// <summary>Tests whether <paramref name="text"/> matches the whole pattern.</summary>
    public bool IsMatch(ReadOnlySpan<char> text, bool caseSensitive = false) => GetMatcher(caseSensitive).IsMatch(text);

    internal StringMatcher GetMatcher(bool caseSensitive)
    {
        if (caseSensitive)
        {
            return _sensitive ??= StringMatcher.Create(this, StringComparison.Ordinal);
        }

        return _insensitive ??= StringMatcher.Create(this, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The literal text when the pattern has no wildcards; otherwise null.</summary>
    public string? AsLiteral() => HasWildcards ? null : (Tokens.Length == 0 ? string.Empty : Tokens[0].Text);

    /// <summary>Writes the pattern back in Sigma notation, escaping literal wildcards and backslashes where needed.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (SigmaPatternToken token in Tokens)
        {
            switch (token.Kind)
            {
                case SigmaPatternTokenKind.AnyString:
                    text.Append('*');
                    break;
                case SigmaPatternTokenKind.AnyCharacter:
                    text.Append('?');
                    break;
                default:
                    foreach (char c in token.Text)
                    {
                        if (c is '*' or '?' or '\\')
                        {
                            text.Append('\\');
                        }

                        text.Append(c);
                    }

                    break;
            }
        }

        return text.ToString();
    }

    /// <inheritdoc />
    public bool Equals(SigmaPattern? other) => other is not null && Tokens.SequenceEqual(other.Tokens);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as SigmaPattern);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (SigmaPatternToken token in Tokens)
        {
            hash.Add(token);
        }

        return hash.ToHashCode();
    }

    private static void Flush(List<SigmaPatternToken> tokens, StringBuilder literal)
    {
        if (literal.Length > 0)
        {
            tokens.Add(SigmaPatternToken.Literal(literal.ToString()));
            literal.Clear();
        }
    }
}
