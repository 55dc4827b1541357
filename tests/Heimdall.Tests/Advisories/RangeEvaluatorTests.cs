using FsCheck;
using FsCheck.Fluent;
using Heimdall.Advisories;
using Heimdall.Packages;

namespace Heimdall.Tests.Advisories;

public class RangeEvaluatorTests
{
    private static AffectedPackage Npm(RangeType type, string events, params string[] versions) => new()
    {
        Ecosystem = Ecosystem.Npm,
        Name = "pkg",
        Ranges = events.Length == 0 ? [] : [new AffectedRange(type, Events(events))],
        Versions = versions,
    };

    // "i:1.0.0 f:2.0.0 l:3.0.0 x:4.0.0" -> introduced, fixed, last_affected, limit
    private static List<RangeEvent> Events(string text) => text.Split(' ').Select(e =>
    {
        var kind = e[0] switch { 'i' => RangeEventKind.Introduced, 'f' => RangeEventKind.Fixed, 'l' => RangeEventKind.LastAffected, _ => RangeEventKind.Limit };
        return new RangeEvent(kind, e[2..]);
    }).ToList();

    [Theory]
    [InlineData("i:0 f:1.2.0", "1.1.9", RangeVerdict.Affected)]
    [InlineData("i:0 f:1.2.0", "1.2.0", RangeVerdict.NotAffected)]
    [InlineData("i:0 f:1.2.0", "1.2.0-rc.1", RangeVerdict.Affected)]
    [InlineData("i:1.0.0 f:1.2.0", "0.9.0", RangeVerdict.NotAffected)]
    [InlineData("i:1.0.0 f:1.2.0", "1.0.0", RangeVerdict.Affected)]
    [InlineData("i:1.0.0 l:1.2.0", "1.2.0", RangeVerdict.Affected)]
    [InlineData("i:1.0.0 l:1.2.0", "1.2.1", RangeVerdict.NotAffected)]
    [InlineData("i:0", "99.0.0", RangeVerdict.Affected)]
    [InlineData("f:2.0.0 i:1.0.0", "1.5.0", RangeVerdict.Affected)]
    [InlineData("f:2.0.0 i:1.0.0", "2.5.0", RangeVerdict.NotAffected)]
    [InlineData("i:1.0.0 f:2.0.0 i:3.0.0 f:4.0.0", "2.5.0", RangeVerdict.NotAffected)]
    [InlineData("i:3.0.0 f:4.0.0 i:1.0.0 f:2.0.0", "3.5.0", RangeVerdict.Affected)]
    [InlineData("i:1.0.0 f:1.0.0", "1.0.0", RangeVerdict.NotAffected)]
    [InlineData("i:0 x:2.0.0", "1.9.9", RangeVerdict.Affected)]
    [InlineData("i:0 x:2.0.0", "2.0.0", RangeVerdict.NotAffected)]
    [InlineData("i:0 x:*", "9.0.0", RangeVerdict.Affected)]
    [InlineData("i:0 f:not-a-version", "1.0.0", RangeVerdict.Unevaluable)]
    public void Evaluates_OSV_events_as_the_schema_defines_them(string events, string version, RangeVerdict expected)
    {
        Assert.Equal(expected, RangeEvaluator.Evaluate(Npm(RangeType.Semver, events), version));
        Assert.Equal(expected, RangeEvaluator.Evaluate(Npm(RangeType.Ecosystem, events), version));
    }

    [Fact]
    public void Treats_explicitly_listed_versions_as_affected()
    {
        var affected = Npm(RangeType.Semver, "i:2.0.0 f:2.1.0", "0.2.1", "1.0.0");
        Assert.Equal(RangeVerdict.Affected, RangeEvaluator.Evaluate(affected, "0.2.1"));
        Assert.Equal(RangeVerdict.Affected, RangeEvaluator.Evaluate(affected, "2.0.5"));
        Assert.Equal(RangeVerdict.NotAffected, RangeEvaluator.Evaluate(affected, "0.2.2"));
    }

    [Fact]
    public void Skips_git_ranges_which_name_commits()
    {
        var affected = Npm(RangeType.Git, "i:abc123 f:def456");
        Assert.Equal(RangeVerdict.NotAffected, RangeEvaluator.Evaluate(affected, "1.0.0"));
    }

    [Theory]
    [InlineData("1.0", RangeVerdict.Affected)]
    [InlineData("1.5.0.7", RangeVerdict.Affected)]
    [InlineData("2.0.0.4", RangeVerdict.Affected)]
    [InlineData("2.0.0.5", RangeVerdict.NotAffected)]
    [InlineData("0.9.9.9", RangeVerdict.NotAffected)]
    [InlineData("2.0.0-beta", RangeVerdict.Affected)]
    public void Orders_NuGet_ecosystem_ranges_with_four_part_versions(string version, RangeVerdict expected)
    {
        var affected = new AffectedPackage
        {
            Ecosystem = Ecosystem.NuGet,
            Name = "Legacy.Widgets",
            Ranges = [new AffectedRange(RangeType.Ecosystem, Events("f:2.0.0.5 i:1.0.0.0"))],
        };
        Assert.Equal(expected, RangeEvaluator.Evaluate(affected, version));
    }

    [FsCheck.Xunit.Property(MaxTest = 300)]
    public Property A_single_interval_affects_exactly_the_versions_between_its_bounds()
    {
        var version = Versions.Generators.SemVerText(huge: false);
        return Prop.ForAll(Arb.From(version), Arb.From(version), Arb.From(version), (a, b, v) =>
        {
            var lo = Heimdall.Versions.SemanticVersion.Parse(a);
            var hi = Heimdall.Versions.SemanticVersion.Parse(b);
            if (lo.CompareTo(hi) > 0)
            {
                (lo, hi, a, b) = (hi, lo, b, a);
            }

            var x = Heimdall.Versions.SemanticVersion.Parse(v);
            var expected = x.CompareTo(lo) >= 0 && x.CompareTo(hi) < 0;
            // Event order in the record must not matter.
            var forward = RangeEvaluator.Evaluate(Npm(RangeType.Semver, $"i:{a} f:{b}"), v);
            var backward = RangeEvaluator.Evaluate(Npm(RangeType.Semver, $"f:{b} i:{a}"), v);
            return forward == backward && (forward == RangeVerdict.Affected) == expected;
        });
    }

    [FsCheck.Xunit.Property(MaxTest = 300)]
    public Property Last_affected_includes_its_bound_and_nothing_above()
    {
        var version = Versions.Generators.SemVerText(huge: false);
        return Prop.ForAll(Arb.From(version), Arb.From(version), (bound, v) =>
        {
            var expected = Heimdall.Versions.SemanticVersion.Parse(v).CompareTo(Heimdall.Versions.SemanticVersion.Parse(bound)) <= 0;
            return (RangeEvaluator.Evaluate(Npm(RangeType.Semver, $"i:0 l:{bound}"), v) == RangeVerdict.Affected) == expected;
        });
    }
}
