using Detektr.Sigma.Detection;
using Detektr.Validation;
using FsCheck;
using FsCheck.Fluent;

namespace Detektr.Tests.Validation;

public sealed class WildcardPatternTests
{
    [Theory]
    [InlineData("*/curl", "/usr/bin/curl", true)]
    [InlineData("*/curl", "/usr/bin/curl2", false)]
    [InlineData("*HTTP*", "curl -s http://x", true)]
    [InlineData("ba?h", "bash", true)]
    [InlineData("ba?h", "bh", false)]
    [InlineData(@"a\*b", "a*b", true)]
    [InlineData(@"a\*b", "axb", false)]
    [InlineData(@"C:\Windows", @"c:\windows", true)]
    [InlineData("", "", true)]
    [InlineData("", "x", false)]
    [InlineData("?", "😀", true)]
    public void Patterns_match_whole_values_case_insensitively(string pattern, string value, bool matches) =>
        Assert.Equal(matches, WildcardPattern.Parse(pattern).IsMatch(value));

    // Both cases, wildcard and escape characters, a non-ASCII pair and a character outside the BMP.
    private static readonly string[] Alphabet = ["a", "A", "b", "é", "É", "*", "?", "\\", "/", " ", "😀"];

    private static Gen<string> Text() => Gen.Elements(Alphabet).ListOf().Select(string.Concat);

    // A value built from the pattern (wildcards filled in, letters in either case), so that matches are common.
    private static Gen<string> Instance(string pattern) =>
        Gen.CollectToArray(pattern.EnumerateRunes().Select(rune => rune.ToString() switch
        {
            "*" => Text().Resize(3),
            "?" => Gen.Elements(Alphabet),
            var literal => Gen.Elements(literal, literal.ToUpperInvariant(), literal.ToLowerInvariant()),
        })).Select(string.Concat);

    private static Arbitrary<(string Pattern, string Value)> Cases() => Arb.From(
        from pattern in Text()
        from derived in Gen.Elements(true, false)
        from value in derived ? Instance(pattern) : Text()
        select (pattern, value));

    [FsCheck.Xunit.Property(MaxTest = 1000)]
    public Property Spec_patterns_match_exactly_as_Sigma_string_values_do() =>
        Prop.ForAll(Cases(), c => WildcardPattern.Parse(c.Pattern).IsMatch(c.Value) == SigmaPattern.Parse(c.Pattern).IsMatch(c.Value));
}
