using Detektr.Sigma.Loading;
using Detektr.Sigma.Rules;

namespace Detektr.Sigma.Tests.Detection;

public sealed class ConditionTests
{
    private const string Selections = """
        sel_a:
            CommandLine|contains: 'aaa'
        sel_b:
            CommandLine|contains: 'bbb'
        sel_c:
            CommandLine|contains: 'ccc'
        _helper:
            CommandLine|contains: 'zzz'
        """;

    private static SigmaRule WithCondition(string condition) =>
        Rules.Load(Selections + "\ncondition: " + condition);

    private static bool On(SigmaRule rule, string commandLine) => rule.Matches(("CommandLine", commandLine));

    [Fact]
    public void And_requires_both_and_or_either()
    {
        SigmaRule and = WithCondition("sel_a and sel_b");
        SigmaRule or = WithCondition("sel_a or sel_b");

        Assert.True(On(and, "aaa bbb"));
        Assert.False(On(and, "aaa"));
        Assert.True(On(or, "bbb"));
        Assert.False(On(or, "ccc"));
    }

    [Fact]
    public void Not_binds_tighter_than_and_which_binds_tighter_than_or()
    {
        // not sel_a and sel_b or sel_c  ==  ((not sel_a) and sel_b) or sel_c
        SigmaRule rule = WithCondition("not sel_a and sel_b or sel_c");

        Assert.True(On(rule, "bbb"));
        Assert.False(On(rule, "aaa bbb"));
        Assert.True(On(rule, "aaa ccc"));
        Assert.False(On(rule, "aaa"));
        Assert.False(On(rule, ""));
    }

    [Fact]
    public void Parentheses_override_precedence()
    {
        SigmaRule rule = WithCondition("not (sel_a and (sel_b or sel_c))");

        Assert.False(On(rule, "aaa ccc"));
        Assert.True(On(rule, "aaa"));
        Assert.True(On(rule, "bbb ccc"));
    }

    [Fact]
    public void One_of_a_pattern_matches_when_any_matching_identifier_does()
    {
        SigmaRule rule = WithCondition("1 of sel_*");

        Assert.True(On(rule, "ccc"));
        Assert.False(On(rule, "zzz"));
    }

    [Fact]
    public void All_of_a_pattern_requires_every_matching_identifier()
    {
        SigmaRule rule = WithCondition("all of sel_*");

        Assert.True(On(rule, "aaa bbb ccc"));
        Assert.False(On(rule, "aaa bbb"));
    }

    [Fact]
    public void Them_covers_every_identifier_except_those_starting_with_an_underscore()
    {
        SigmaRule any = WithCondition("1 of them");
        SigmaRule all = WithCondition("all of them");

        Assert.False(On(any, "zzz"));
        Assert.True(On(any, "bbb"));
        Assert.True(On(all, "aaa bbb ccc"));
        Assert.False(On(all, "aaa bbb zzz"));
    }

    [Fact]
    public void A_pattern_naming_underscored_identifiers_includes_them()
    {
        SigmaRule rule = WithCondition("sel_a and not 1 of _help*");

        Assert.True(On(rule, "aaa"));
        Assert.False(On(rule, "aaa zzz"));
    }

    [Fact]
    public void Quantifiers_bind_tighter_than_not()
    {
        SigmaRule rule = WithCondition("not 1 of sel_* or _helper");

        Assert.True(On(rule, ""));
        Assert.False(On(rule, "aaa"));
        Assert.True(On(rule, "aaa zzz"));
    }

    [Fact]
    public void Any_of_is_accepted_as_one_of()
    {
        Assert.True(On(WithCondition("any of sel_*"), "bbb"));
    }

    [Fact]
    public void A_list_of_conditions_is_an_or_of_them()
    {
        SigmaRule rule = Rules.Load(Selections + """

            condition:
                - sel_a and sel_b
                - sel_c
            """);

        Assert.True(On(rule, "aaa bbb"));
        Assert.True(On(rule, "ccc"));
        Assert.False(On(rule, "aaa"));
    }

    [Theory]
    [InlineData("sel_a and missing", "'missing', which is not a search identifier")]
    [InlineData("sel_a AND sel_b", "operators are written in lower case")]
    [InlineData("(sel_a or sel_b", "never closed")]
    [InlineData("sel_a and", "the condition ends")]
    [InlineData("sel_a sel_b", "unexpected 'sel_b'")]
    [InlineData("1 of filter*", "matches no search identifier")]
    [InlineData("3 of sel_*", "not a quantifier")]
    [InlineData("sel_a or )", "unexpected ')'")]
    [InlineData("sel_a & sel_b", "unexpected character '&'")]
    public void Malformed_conditions_are_reported_with_the_problem(string condition, string expected)
    {
        SkippedRule skipped = Rules.Skip(Selections + "\ncondition: " + condition);

        Assert.Equal(SigmaProblemKind.InvalidRule, skipped.Kind);
        Assert.Contains(expected, skipped.Reason, StringComparison.Ordinal);
        Assert.Equal(17, skipped.Problems[0].Position.Line);
    }

    [Fact]
    public void Aggregation_conditions_are_reported_as_unsupported()
    {
        SkippedRule skipped = Rules.Skip(Selections + "\ncondition: sel_a | count() by User > 5");

        Assert.Equal(SigmaProblemKind.UnsupportedFeature, skipped.Kind);
        Assert.Contains("aggregation", skipped.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Unused_identifiers_load_with_a_warning()
    {
        SigmaRule rule = WithCondition("sel_a");

        Assert.Contains(rule.Warnings, w => w.Message.Contains("'sel_b' is not used", StringComparison.Ordinal));
        Assert.All(rule.Warnings, w => Assert.Equal(SigmaProblemKind.Warning, w.Kind));
    }
}
