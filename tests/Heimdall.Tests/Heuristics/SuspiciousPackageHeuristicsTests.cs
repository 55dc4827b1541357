using FsCheck.Fluent;
using Heimdall.Heuristics;
using Heimdall.Matching;
using Heimdall.Packages;
using Heimdall.Readers;
using Heimdall.Tests.Support;

namespace Heimdall.Tests.Heuristics;

public class SuspiciousPackageHeuristicsTests
{
    private static List<Finding> Evaluate(string root, HeuristicOptions? options = null) =>
        SuspiciousPackageHeuristics.Evaluate(LockfileScanner.Scan(root), options ?? new HeuristicOptions());

    [Fact]
    public void Flags_install_scripts_git_and_off_registry_tarballs_with_reasons()
    {
        var findings = Evaluate(TestPaths.Fixture("npm", "v3"));
        var rules = findings.Select(f => (f.RuleId, f.Package.Name)).ToHashSet();
        Assert.Contains((SuspiciousPackageHeuristics.InstallScriptRule, "crossenv"), rules);
        Assert.Contains((SuspiciousPackageHeuristics.GitSourceRule, "left-pad"), rules);
        Assert.Contains((SuspiciousPackageHeuristics.NonRegistrySourceRule, "evil-tar"), rules);
        Assert.Contains((SuspiciousPackageHeuristics.NonRegistrySourceRule, "mirror-pkg"), rules);
        Assert.DoesNotContain((SuspiciousPackageHeuristics.NonRegistrySourceRule, "lodash"), rules);
        Assert.Contains("evil.example.com", findings.Single(f => f.Package.Name == "evil-tar").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Trusts_configured_registry_mirrors()
    {
        var options = new HeuristicOptions { NpmRegistries = ["https://registry.npmjs.org/", "https://npm.mirror.example.org/"] };
        Assert.DoesNotContain(Evaluate(TestPaths.Fixture("npm", "v3"), options), f => f.Package.Name == "mirror-pkg");
    }

    [Fact]
    public void Reads_install_scripts_from_installed_package_manifests()
    {
        using var temp = TestPaths.Temp();
        temp.File("package-lock.json", """{"lockfileVersion":3,"packages":{"":{"dependencies":{"quiet":"1.0.0"}},"node_modules/quiet":{"version":"1.0.0"}}}""");
        temp.File("node_modules/quiet/package.json", """{"name":"quiet","version":"1.0.0","scripts":{"postinstall":"node steal.js","test":"jest"}}""");
        var finding = Assert.Single(Evaluate(temp.Path), f => f.RuleId == SuspiciousPackageHeuristics.InstallScriptRule);
        Assert.Contains("postinstall", finding.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Ecosystem.Npm, "lodahs", "lodash", 1)]
    [InlineData(Ecosystem.Npm, "expresss", "express", 1)]
    [InlineData(Ecosystem.Npm, "reqeust", "request", 1)]
    [InlineData(Ecosystem.Npm, "webpack-clii", "webpack-cli", 1)]
    [InlineData(Ecosystem.NuGet, "Newtonsoft.Jsno", "newtonsoft.json", 1)]
    [InlineData(Ecosystem.NuGet, "Serilog.AspNetCor", "serilog.aspnetcore", 1)]
    [InlineData(Ecosystem.Npm, "crossenv", "cross-env", 1)]
    [InlineData(Ecosystem.Npm, "axois", "axios", 1)]
    public void Flags_names_close_to_popular_packages(Ecosystem ecosystem, string name, string popular, int distance)
    {
        Assert.Equal((popular, distance), SuspiciousPackageHeuristics.NearestPopular(ecosystem, name, new HeuristicOptions()));
    }

    [Theory]
    [InlineData(Ecosystem.Npm, "lodash")]
    [InlineData(Ecosystem.Npm, "qs")]
    [InlineData(Ecosystem.Npm, "@types/lodash")]
    [InlineData(Ecosystem.Npm, "my-internal-thing")]
    [InlineData(Ecosystem.NuGet, "NEWTONSOFT.JSON")]
    [InlineData(Ecosystem.Npm, "mocha2x")]
    public void Leaves_popular_and_unrelated_names_alone(Ecosystem ecosystem, string name)
    {
        Assert.Null(SuspiciousPackageHeuristics.NearestPopular(ecosystem, name, new HeuristicOptions()));
    }

    [Fact]
    public void Flags_NuGet_content_hash_drift_between_lockfiles()
    {
        var finding = Assert.Single(Evaluate(TestPaths.Fixture("nuget", "drift")));
        Assert.Equal(SuspiciousPackageHeuristics.ContentHashDriftRule, finding.RuleId);
        Assert.Equal("b/packages.lock.json", finding.Package.File);
        Assert.Contains("a/packages.lock.json", finding.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_malicious_package_records_as_suspicious_not_as_vulnerabilities()
    {
        var result = Scans.Repo();
        Assert.Contains(result.Suspicious, f => f.RuleId == "MAL-2025-1001" && f.Severity.Level == Heimdall.Advisories.SeverityLevel.Critical);
        Assert.DoesNotContain(result.Vulnerabilities, f => f.RuleId.StartsWith("MAL-", StringComparison.Ordinal));
    }
}

public class NearNameIndexTests
{
    [FsCheck.Xunit.Property(MaxTest = 300)]
    public FsCheck.Property Finds_every_popular_name_a_full_comparison_finds()
    {
        var popular = PopularPackages.Bundled.Npm;
        // Mutate popular names by up to three random edits so that near and far names both occur.
        var gen = from seed in FsCheck.Fluent.Gen.Elements(popular.ToArray())
                  from edits in FsCheck.Fluent.Gen.Choose(0, 3)
                  from positions in FsCheck.Fluent.Gen.ArrayOf(FsCheck.Fluent.Gen.Choose(0, 40), edits)
                  from letters in FsCheck.Fluent.Gen.ArrayOf(FsCheck.Fluent.Gen.Elements('a', 'e', 'x', '-', 's'), edits)
                  select Mutate(seed, positions, letters);
        return FsCheck.Fluent.Prop.ForAll(FsCheck.Fluent.Arb.From(gen), name =>
        {
            var index = new NearNameIndex(popular, 2);
            var candidates = index.Candidates(name);
            var expected = popular.Where(p => EditDistance.Bounded(name, p, 2) <= 2).ToHashSet();
            return expected.IsSubsetOf(candidates);
        });
    }

    private static string Mutate(string seed, int[] positions, char[] letters)
    {
        var text = new System.Text.StringBuilder(seed);
        for (var i = 0; i < positions.Length; i++)
        {
            var at = positions[i] % (text.Length + 1);
            switch (i % 3)
            {
                case 0:
                    text.Insert(at, letters[i]);
                    break;
                case 1 when text.Length > 1:
                    text.Remove(Math.Min(at, text.Length - 1), 1);
                    break;
                default:
                    text[Math.Min(at, text.Length - 1)] = letters[i];
                    break;
            }
        }

        return text.ToString();
    }
}
