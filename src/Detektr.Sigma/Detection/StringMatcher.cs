namespace Detektr.Sigma.Detection;

/// <summary>
/// A compiled <see cref="SigmaPattern"/>. The common shapes (exact, prefix, suffix, contains) map to
/// single span operations; everything else goes through <see cref="GlobMatcher"/>.
/// </summary>
internal abstract class StringMatcher
{
    public abstract bool IsMatch(ReadOnlySpan<char> text);

    public static StringMatcher Create(SigmaPattern pattern, StringComparison comparison)
    {
        var tokens = pattern.Tokens;
        if (tokens.Length == 0)
        {
            return new ExactMatcher(string.Empty, comparison);
        }

        bool onlyStarsAndLiterals = tokens.All(t => t.Kind != SigmaPatternTokenKind.AnyCharacter);
        if (onlyStarsAndLiterals)
        {
            int literals = tokens.Count(t => t.Kind == SigmaPatternTokenKind.Literal);
            switch (tokens.Length)
            {
                case 1 when literals == 1:
                    return new ExactMatcher(tokens[0].Text, comparison);
                case 1:
                    return AnyMatcher.Instance;
                case 2 when tokens[0].Kind == SigmaPatternTokenKind.Literal:
                    return new PrefixMatcher(tokens[0].Text, comparison);
                case 2:
                    return new SuffixMatcher(tokens[1].Text, comparison);
                case 3 when tokens[0].Kind == SigmaPatternTokenKind.AnyString:
                    return new ContainsMatcher(tokens[1].Text, comparison);
                case 3:
                    return new PrefixSuffixMatcher(tokens[0].Text, tokens[2].Text, comparison);
            }
        }

        return new GlobMatcher(pattern, comparison);
    }

    private sealed class AnyMatcher : StringMatcher
    {
        public static readonly AnyMatcher Instance = new();

        public override bool IsMatch(ReadOnlySpan<char> text) => true;
    }

    private sealed class ExactMatcher(string literal, StringComparison comparison) : StringMatcher
    {
        public override bool IsMatch(ReadOnlySpan<char> text) => text.Equals(literal, comparison);
    }

    private sealed class PrefixMatcher(string prefix, StringComparison comparison) : StringMatcher
    {
        public override bool IsMatch(ReadOnlySpan<char> text) => text.StartsWith(prefix, comparison);
    }

    private sealed class SuffixMatcher(string suffix, StringComparison comparison) : StringMatcher
    {
        public override bool IsMatch(ReadOnlySpan<char> text) => text.EndsWith(suffix, comparison);
    }

    private sealed class ContainsMatcher(string infix, StringComparison comparison) : StringMatcher
    {
        public override bool IsMatch(ReadOnlySpan<char> text) => text.IndexOf(infix, comparison) >= 0;
    }

    private sealed class PrefixSuffixMatcher(string prefix, string suffix, StringComparison comparison) : StringMatcher
    {
        public override bool IsMatch(ReadOnlySpan<char> text) =>
            text.Length >= prefix.Length + suffix.Length
            && text.StartsWith(prefix, comparison)
            && text.EndsWith(suffix, comparison);
    }
}
