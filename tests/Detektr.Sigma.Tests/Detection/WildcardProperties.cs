using System.Text;
using System.Text.RegularExpressions;
using Detektr.Sigma.Detection;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Detektr.Sigma.Tests.Detection;

/// <summary>A wildcard pattern as a list of parts (one character, '*' or '?') and a text to match.</summary>
public sealed record WildcardCase(IReadOnlyList<string?> Parts, string Text)
{
    /// <summary>The pattern written in Sigma notation, escaping literal wildcards and backslashes.</summary>
    public string SigmaText => string.Concat(Parts.Select(p => p switch
    {
        null => "*",
        "\0" => "?",
        "*" or "?" or "\\" => "\\" + p,
        _ => p,
    }));

    public override string ToString() => $"pattern '{SigmaText}' text '{Text}'";
}

public static class WildcardArbitraries
{
    // Letters in both cases, wildcard and escape characters as literals, a non-ASCII letter pair and
    // a character outside the BMP (a surrogate pair) so '?' must count characters, not code units.
    private static readonly string[] Characters = ["a", "A", "b", "B", "-", "/", "*", "?", "\\", "é", "É", "😀"];

    public static Arbitrary<WildcardCase> Cases() => Arb.From(
        from parts in PatternParts()
        from useInstance in Gen.Elements(true, false)
        from text in useInstance ? Instance(parts) : Text()
        select new WildcardCase(parts, text));

    public static Arbitrary<BmpWildcardCase> BmpCases() => Arb.From(
        from c in Cases().Generator
        where !c.SigmaText.Contains("😀", StringComparison.Ordinal) && !c.Text.Contains("😀", StringComparison.Ordinal)
        select new BmpWildcardCase(c));

    // null is '*', "\0" is '?', anything else one literal character.
    private static Gen<IReadOnlyList<string?>> PatternParts() =>
        Gen.Frequency(
                (6, Gen.Elements(Characters).Select(c => (string?)c)),
                (2, Gen.Constant<string?>(null)),
                (1, Gen.Constant<string?>("\0")))
            .ListOf()
            .Select(l => (IReadOnlyList<string?>)[.. l]);

    private static Gen<string> Text() => Gen.Elements(Characters).ListOf().Select(string.Concat);

    // A text built from the pattern itself (random case, random fillers), so that matches are common.
    private static Gen<string> Instance(IReadOnlyList<string?> parts) =>
        Gen.CollectToArray(parts.Select(part => part switch
        {
            null => Text().Resize(3),
            "\0" => Gen.Elements(Characters),
            _ => Gen.Elements(part, part.ToUpperInvariant(), part.ToLowerInvariant()),
        })).Select(string.Concat);
}

/// <summary>A case without characters outside the BMP, for the regular expression reference.</summary>
public sealed record BmpWildcardCase(WildcardCase Case);

[Properties(Arbitrary = [typeof(WildcardArbitraries)], MaxTest = 500)]
public sealed class WildcardProperties
{
    [Property]
    public Property Matching_agrees_with_a_naive_backtracking_matcher(WildcardCase c)
    {
        SigmaPattern pattern = SigmaPattern.Parse(c.SigmaText);
        bool insensitive = pattern.IsMatch(c.Text);
        bool sensitive = pattern.IsMatch(c.Text, caseSensitive: true);
        return (insensitive == Naive(c.Parts, c.Text, ignoreCase: true)
                && sensitive == Naive(c.Parts, c.Text, ignoreCase: false))
            .Label($"{c}: insensitive {insensitive}, sensitive {sensitive}");
    }

    [Property]
    public Property Matching_agrees_with_an_anchored_regular_expression(BmpWildcardCase bmp)
    {
        WildcardCase c = bmp.Case;
        var regex = new Regex("^" + string.Concat(c.Parts.Select(p => p switch
        {
            null => ".*",
            "\0" => ".",
            _ => Regex.Escape(p),
        })) + "$", RegexOptions.Singleline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        bool actual = SigmaPattern.Parse(c.SigmaText).IsMatch(c.Text);
        return (actual == regex.IsMatch(c.Text)).Label($"{c}: engine {actual}, regex {regex}");
    }

    [Property]
    public void A_text_built_by_filling_the_wildcards_always_matches(WildcardCase c)
    {
        string filled = string.Concat(c.Parts.Select(p => p switch
        {
            null => "xYz",
            "\0" => "😀",
            _ => p.ToUpperInvariant(),
        }));

        Assert.True(SigmaPattern.Parse(c.SigmaText).IsMatch(filled), $"'{c.SigmaText}' against '{filled}'");
    }

    [Property]
    public void Writing_a_pattern_back_and_parsing_it_again_gives_the_same_pattern(WildcardCase c)
    {
        SigmaPattern pattern = SigmaPattern.Parse(c.SigmaText);
        Assert.Equal(pattern, SigmaPattern.Parse(pattern.ToString()));
    }

    [Property]
    public void Modifier_wildcards_keep_the_original_pattern_inside(WildcardCase c)
    {
        SigmaPattern pattern = SigmaPattern.Parse(c.SigmaText);
        if (pattern.IsMatch(c.Text))
        {
            SigmaPattern contains = pattern.WithLeadingAnyString().WithTrailingAnyString();
            Assert.True(contains.IsMatch("pre" + c.Text + "post"));
            Assert.True(pattern.WithTrailingAnyString().IsMatch(c.Text + "post"));
            Assert.True(pattern.WithLeadingAnyString().IsMatch("pre" + c.Text));
        }
    }

    /// <summary>The reference: tries every split, one Unicode character at a time.</summary>
    private static bool Naive(IReadOnlyList<string?> parts, string text, bool ignoreCase)
    {
        string[] characters = [.. text.EnumerateRunes().Select(r => r.ToString())];
        StringComparison comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        return Match(0, 0);

        bool Match(int p, int t)
        {
            if (p == parts.Count)
            {
                return t == characters.Length;
            }

            return parts[p] switch
            {
                null => Match(p + 1, t) || (t < characters.Length && Match(p, t + 1)),
                "\0" => t < characters.Length && Match(p + 1, t + 1),
                string literal => t < characters.Length && string.Equals(literal, characters[t], comparison) && Match(p + 1, t + 1),
            };
        }
    }
}
