using FsCheck;
using FsCheck.Fluent;
using Heimdall.Versions;
using NuGet.Versioning;

namespace Heimdall.Tests.Versions;

public class NuGetPackageVersionTests
{
    [Theory]
    [InlineData("1.0", "1.0.0", 0)]
    [InlineData("1.0.0.0", "1.0.0", 0)]
    [InlineData("1.0.0.1", "1.0.0", 1)]
    [InlineData("1.2.3.4", "1.2.3.10", -1)]
    [InlineData("01.002.3", "1.2.3", 0)]
    [InlineData("1.0.0-beta", "1.0.0-BETA", 0)]
    [InlineData("1.0.0-beta", "1.0.0", -1)]
    [InlineData("1.0.0-beta.2", "1.0.0-beta.10", -1)]
    [InlineData("1.0.0-beta1", "1.0.0-beta2", -1)]
    [InlineData("1.0.0-beta.2", "1.0.0-beta1", -1)]
    [InlineData("1.0.0-1", "1.0.0-alpha", -1)]
    [InlineData("1.0.0+abc", "1.0.0+def", 0)]
    [InlineData("1.0.99999999999", "1.0.100000000000", -1)]
    [InlineData("4294967296.0.0", "2147483647.0.0", 1)]
    [InlineData("1.0.0-rc.10000000000", "1.0.0-rc.9", 1)]
    public void Orders_versions_as_NuGet_does(string left, string right, int expected)
    {
        Assert.Equal(expected, NuGetPackageVersion.Parse(left).CompareTo(NuGetPackageVersion.Parse(right)));
        Assert.Equal(-expected, NuGetPackageVersion.Parse(right).CompareTo(NuGetPackageVersion.Parse(left)));
    }

    [Theory]
    [InlineData("1.0", "1.0.0")]
    [InlineData("1.0.0.0", "1.0.0")]
    [InlineData("1.2.3.4", "1.2.3.4")]
    [InlineData("01.02.03", "1.2.3")]
    [InlineData("1.0.0-Beta.1+sha", "1.0.0-Beta.1")]
    public void Normalizes_legacy_and_four_part_forms(string text, string normalized)
    {
        Assert.Equal(normalized, NuGetPackageVersion.Parse(text).Normalized);
    }

    [Fact]
    public void Parses_huge_components_that_NuGet_Versioning_rejects()
    {
        // The stock library keeps each part in an int: this is where Heimdall's own parser takes over.
        Assert.False(NuGetVersion.TryParse("1.0.99999999999", out _));
        Assert.True(NuGetPackageVersion.TryParse("1.0.99999999999", out var version));
        Assert.Equal("99999999999", version.Patch);
    }

    [Fact]
    public void Compares_huge_numeric_labels_by_value_where_NuGet_Versioning_compares_text()
    {
        // Beyond 64 bits NuGet.Versioning falls back to comparing the digits as text.
        var a = NuGetVersion.Parse("1.0.0-rc.100000000000000000000");
        var b = NuGetVersion.Parse("1.0.0-rc.99999999999999999999");
        Assert.True(VersionComparer.Default.Compare(a, b) < 0);
        Assert.True(NuGetPackageVersion.Parse("1.0.0-rc.100000000000000000000") > NuGetPackageVersion.Parse("1.0.0-rc.99999999999999999999"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("1.2.3.4.5")]
    [InlineData("1..2")]
    [InlineData("1.0.0-")]
    [InlineData("a.b.c")]
    [InlineData("1.0.0-beta_1")]
    [InlineData("1.0.0-rc.01")]
    [InlineData("v1.0.0")]
    public void Rejects_text_that_is_not_a_NuGet_version(string text)
    {
        Assert.False(NuGetPackageVersion.TryParse(text, out _));
    }

    [FsCheck.Xunit.Property(MaxTest = 500)]
    public Property Agrees_with_NuGet_Versioning_within_its_32_bit_range()
    {
        var versions = Generators.NuGetText();
        return Prop.ForAll(Arb.From(versions), Arb.From(versions), (a, b) =>
        {
            var ours = Math.Sign(NuGetPackageVersion.Parse(a).CompareTo(NuGetPackageVersion.Parse(b)));
            var theirs = Math.Sign(VersionComparer.Default.Compare(NuGetVersion.Parse(a), NuGetVersion.Parse(b)));
            return ours == theirs;
        });
    }

    [FsCheck.Xunit.Property(MaxTest = 300)]
    public Property Normalized_form_parses_back_to_an_equal_version()
    {
        return Prop.ForAll(Arb.From(Generators.NuGetText()), text =>
        {
            var version = NuGetPackageVersion.Parse(text);
            return NuGetPackageVersion.Parse(version.Normalized).Equals(version)
                && version.Normalized == NuGetVersion.Parse(text).ToNormalizedString();
        });
    }
}
