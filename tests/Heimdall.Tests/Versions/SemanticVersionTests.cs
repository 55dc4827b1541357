using FsCheck;
using FsCheck.Fluent;
using Heimdall.Versions;
using Semver;

namespace Heimdall.Tests.Versions;

public class SemanticVersionTests
{
    [Theory]
    [InlineData("1.0.0", "1.0.1", -1)]
    [InlineData("1.0.0-alpha", "1.0.0", -1)]
    [InlineData("1.0.0-alpha", "1.0.0-alpha.1", -1)]
    [InlineData("1.0.0-alpha.1", "1.0.0-alpha.beta", -1)]
    [InlineData("1.0.0-alpha.beta", "1.0.0-beta", -1)]
    [InlineData("1.0.0-beta", "1.0.0-beta.2", -1)]
    [InlineData("1.0.0-beta.2", "1.0.0-beta.11", -1)]
    [InlineData("1.0.0-beta.11", "1.0.0-rc.1", -1)]
    [InlineData("1.0.0-rc.1", "1.0.0", -1)]
    [InlineData("1.0.0+build.1", "1.0.0+build.2", 0)]
    [InlineData("1.0.0-Alpha", "1.0.0-alpha", -1)]
    [InlineData("2.0.0", "10.0.0", -1)]
    [InlineData("v1.2.3", "1.2.3", 0)]
    [InlineData("99999999999999999999.0.0", "100000000000000000000.0.0", -1)]
    [InlineData("1.0.0-alpha.99999999999999999999", "1.0.0-alpha.100000000000000000000", -1)]
    [InlineData("18446744073709551616.0.0", "18446744073709551615.0.0", 1)]
    public void Orders_versions_by_SemVer_precedence(string left, string right, int expected)
    {
        Assert.Equal(expected, SemanticVersion.Parse(left).CompareTo(SemanticVersion.Parse(right)));
        Assert.Equal(-expected, SemanticVersion.Parse(right).CompareTo(SemanticVersion.Parse(left)));
    }

    [Theory]
    [InlineData("01.0.0")]
    [InlineData("1.0")]
    [InlineData("1.0.0-01")]
    [InlineData("1.0.0-")]
    [InlineData("1.0.0-a..b")]
    [InlineData("1.0.0+")]
    [InlineData("1.0.0-a_b")]
    [InlineData("")]
    [InlineData("latest")]
    public void Rejects_text_that_is_not_SemVer(string text)
    {
        Assert.False(SemanticVersion.TryParse(text, out _));
    }

    [Fact]
    public void Compares_components_beyond_64_bits_where_the_Semver_library_agrees()
    {
        // Semver 3 keeps components as BigInteger, so it is an oracle even here.
        var a = "1.0.0-rc.184467440737095516160";
        var b = "1.0.0-rc.18446744073709551617";
        var expected = Math.Sign(SemVersion.Parse(a, SemVersionStyles.Strict).ComparePrecedenceTo(SemVersion.Parse(b, SemVersionStyles.Strict)));
        Assert.Equal(expected, SemanticVersion.Parse(a).CompareTo(SemanticVersion.Parse(b)));
        Assert.Equal(1, expected);
    }

    [FsCheck.Xunit.Property(MaxTest = 500)]
    public Property Agrees_with_the_Semver_library_on_precedence()
    {
        var versions = Generators.SemVerText();
        return Prop.ForAll(Arb.From(versions), Arb.From(versions), (a, b) =>
        {
            var ours = Math.Sign(SemanticVersion.Parse(a).CompareTo(SemanticVersion.Parse(b)));
            var theirs = Math.Sign(SemVersion.Parse(a, SemVersionStyles.Strict).ComparePrecedenceTo(SemVersion.Parse(b, SemVersionStyles.Strict)));
            return ours == theirs;
        });
    }

    [FsCheck.Xunit.Property(MaxTest = 300)]
    public Property Ordering_is_antisymmetric_and_consistent_with_equality()
    {
        var versions = Generators.SemVerText();
        return Prop.ForAll(Arb.From(versions), Arb.From(versions), (a, b) =>
        {
            var x = SemanticVersion.Parse(a);
            var y = SemanticVersion.Parse(b);
            return Math.Sign(x.CompareTo(y)) == -Math.Sign(y.CompareTo(x)) && (x.CompareTo(y) == 0) == x.Equals(y);
        });
    }
}

internal static class Generators
{
    private static readonly string[] Labels = ["alpha", "beta", "rc", "Alpha", "x-y", "0", "1", "2", "10", "99", "a1"];

    public static Gen<string> Number() => Gen.OneOf(
        Gen.Choose(0, 12).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        Gen.Choose(0, int.MaxValue).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        Gen.Choose(1, 9).SelectMany(first => Gen.Choose(0, int.MaxValue).Select(rest => first.ToString(System.Globalization.CultureInfo.InvariantCulture) + rest.ToString("D10", System.Globalization.CultureInfo.InvariantCulture))));

    public static Gen<string> SmallNumber() => Gen.Choose(0, 30).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static Gen<string> Prerelease() =>
        Gen.Choose(0, 3).SelectMany(count => Gen.ArrayOf(Gen.Elements(Labels), count).Select(parts => parts.Length == 0 ? "" : "-" + string.Join('.', parts)));

    public static Gen<string> SemVerText(bool huge = true) =>
        from major in huge ? Number() : SmallNumber()
        from minor in SmallNumber()
        from patch in huge ? Number() : SmallNumber()
        from pre in Prerelease()
        select $"{major}.{minor}.{patch}{pre}";

    public static Gen<string> NuGetText() =>
        from count in Gen.Choose(1, 4)
        from parts in Gen.ArrayOf(Gen.Choose(0, 20), count)
        from zeros in Gen.Elements("", "0")
        from pre in Prerelease()
        select zeros + string.Join('.', parts.Select(p => p.ToString(System.Globalization.CultureInfo.InvariantCulture))) + pre;
}
