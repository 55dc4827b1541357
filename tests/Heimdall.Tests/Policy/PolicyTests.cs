using Heimdall.Policy;
using Heimdall.Reports;
using Heimdall.Tests.Support;

namespace Heimdall.Tests.Policy;

public class PolicyTests
{
    [Fact]
    public void Silences_a_finding_by_alias_within_its_package_and_reports_unused_entries()
    {
        var suppressions = SuppressionFile.Parse("""
            suppressions:
              - id: CVE-2021-23337
                package: lodash
                reason: template() is never called
                owner: web-team
                expires: 2026-06-30
              - id: GHSA-0000-0000-0000
                reason: old
                owner: web-team
                expires: 2026-06-30
            """);
        var result = Scans.Repo(suppressions: suppressions);
        var suppressed = Assert.Single(result.Suppressed);
        Assert.Equal("GHSA-35jh-r3h4-6jhm", suppressed.Finding.RuleId);
        Assert.DoesNotContain(result.Vulnerabilities, f => f.RuleId == "GHSA-35jh-r3h4-6jhm");
        Assert.Equal("GHSA-0000-0000-0000", Assert.Single(result.UnusedSuppressions).Id);
        Assert.Empty(result.ExpiredSuppressions);
    }

    [Fact]
    public void Fails_the_scan_on_an_expired_suppression_and_reports_the_finding_again()
    {
        var suppressions = SuppressionFile.Parse("""
            suppressions:
              - id: HEIMDALL-TYPOSQUAT
                package: expresss
                reason: internal fork
                owner: web-team
                expires: 2026-02-28
            """);
        var result = Scans.Repo(suppressions: suppressions);
        Assert.Single(result.ExpiredSuppressions);
        Assert.Contains(result.Suspicious, f => f.RuleId == "HEIMDALL-TYPOSQUAT" && f.Package.Name == "expresss");
        Assert.Equal(HeimdallExitCode.Findings, result.ExitCode);
    }

    [Theory]
    [InlineData("suppressions:\n  - id: X\n    owner: a\n    expires: 2026-01-01\n", "'reason'")]
    [InlineData("suppressions:\n  - id: X\n    reason: r\n    owner: a\n    expires: next week\n", "yyyy-MM-dd")]
    [InlineData("suppressions:\n  - id: X\n    reason: r\n    owner: a\n    expires: 2026-01-01\n    expiry: 2027-01-01\n", "unknown field 'expiry'")]
    [InlineData("ignore: [1]\n", "'suppressions'")]
    [InlineData("suppressions: [ {id: x", "invalid YAML")]
    public void Rejects_a_suppression_file_with_a_bad_entry(string text, string message)
    {
        var error = Assert.Throws<FormatException>(() => SuppressionFile.Parse(text));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_only_findings_new_since_the_baseline()
    {
        using var temp = TestPaths.Temp();
        var first = Scans.Repo();
        var baselineJson = Scans.Render(s => JsonReportWriter.Write(s, first, Scans.Options));
        var baseline = Baseline.Parse(baselineJson);
        Assert.Equal(first.Findings.Count(), baseline.Count);

        var second = Scans.Repo(baseline: baseline);
        Assert.Empty(second.Findings);
        Assert.Equal(first.Findings.Count(), second.Baselined.Count);
        Assert.Equal(HeimdallExitCode.Clean, second.ExitCode);
    }

    [Fact]
    public void Rejects_a_baseline_that_is_not_a_Heimdall_report()
    {
        Assert.Throws<FormatException>(() => Baseline.Parse("""{"version":"2.1.0","runs":[]}"""));
        Assert.Throws<FormatException>(() => Baseline.Parse("not json"));
    }

    [Theory]
    [InlineData("low", "low", true)]
    [InlineData("high", "medium", false)]
    [InlineData("high", "unknown", true)]
    [InlineData("critical", "unknown", false)]
    [InlineData("none", "critical", false)]
    [InlineData("moderate", "medium", true)]
    public void Applies_the_fail_threshold_with_unknown_gated_as_high(string threshold, string severity, bool fails)
    {
        Assert.True(FailThreshold.TryParse(threshold, out var t));
        var level = Heimdall.Advisories.SeverityLevels.TryParse(severity, out var parsed) ? parsed : Heimdall.Advisories.SeverityLevel.Unknown;
        var finding = Scans.Repo().Findings.First() with { Severity = new Heimdall.Advisories.SeverityRating(level, null, null, "database") };
        Assert.Equal(fails, t.Fails(finding));
    }
}
