using System.Text.Json;
using System.Xml.Linq;
using Heimdall.Tests.Support;

namespace Heimdall.Tests.Cli;

public class ScanCommandTests
{
    private static string Repo => TestPaths.Fixture("repo");

    [Fact]
    public async Task Exits_0_and_says_no_issues_when_everything_was_read_and_nothing_found()
    {
        using var temp = TestPaths.Temp();
        temp.File("package-lock.json", """{"lockfileVersion":3,"packages":{"":{"dependencies":{"lodash":"4.17.21"}},"node_modules/lodash":{"version":"4.17.21","resolved":"https://registry.npmjs.org/lodash/-/lodash-4.17.21.tgz"}}}""");
        var run = await Support.Cli.RunAsync("scan", temp.Path, "--advisories", TestPaths.Advisories);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("No issues found in 1 packages.", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exits_1_when_findings_reach_the_threshold()
    {
        var run = await Support.Cli.RunAsync("scan", Repo, "--advisories", TestPaths.Advisories);
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("GHSA-35jh-r3h4-6jhm", run.Output, StringComparison.Ordinal);
        Assert.Contains("MAL-2025-1001", run.Output, StringComparison.Ordinal);
        // The damaged record of the fixture directory is named, not silently skipped.
        Assert.Contains("advisory record broken.json was left out", run.Error, StringComparison.Ordinal);
        Assert.Contains("1 invalid record(s) left out", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exits_0_when_findings_stay_below_the_threshold()
    {
        using var temp = TestPaths.Temp();
        // minimist 1.2.5 has only a medium advisory; nothing else is flagged.
        temp.File("package-lock.json", """{"lockfileVersion":3,"packages":{"":{"dependencies":{"minimist":"1.2.5"}},"node_modules/minimist":{"version":"1.2.5"}}}""");
        var high = await Support.Cli.RunAsync("scan", temp.Path, "--advisories", TestPaths.Advisories, "--fail-on", "high");
        Assert.True(high.ExitCode == 0, high.ToString());
        Assert.Contains("GHSA-h5c3-5r3r-rr8q", high.Output, StringComparison.Ordinal);
        var medium = await Support.Cli.RunAsync("scan", temp.Path, "--advisories", TestPaths.Advisories, "--fail-on", "medium");
        Assert.Equal(1, medium.ExitCode);
    }

    [Theory]
    [InlineData("scan", "--no-such-option")]
    [InlineData("scan")]
    [InlineData("scan", "{repo}", "--fail-on", "severe")]
    [InlineData("scan", "{repo}", "--format", "docx")]
    [InlineData("scan", "{repo}", "--format", "pdf")]
    [InlineData("scan", "/no/such/folder", "--advisories", "{advisories}")]
    [InlineData("frobnicate")]
    [InlineData("scan", "{advisories}/broken.json", "--advisories", "{advisories}")]
    public async Task Exits_2_on_usage_errors(params string[] args)
    {
        var expanded = args.Select(a => a.Replace("{repo}", Repo, StringComparison.Ordinal).Replace("{advisories}", TestPaths.Advisories, StringComparison.Ordinal)).ToArray();
        var run = await Support.Cli.RunAsync(expanded);
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.NotEmpty(run.Error);
    }

    [Fact]
    public async Task Exits_2_on_a_broken_suppression_file()
    {
        using var temp = TestPaths.Temp();
        var file = temp.File("suppressions.yml", "suppressions:\n  - id: X\n    reason: r\n");
        var run = await Support.Cli.RunAsync("scan", Repo, "--advisories", TestPaths.Advisories, "--suppressions", file);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("'owner'", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exits_3_on_partial_coverage_and_never_claims_no_issues()
    {
        var run = await Support.Cli.RunAsync("scan", TestPaths.Fixture("npm", "partial"), "--advisories", TestPaths.Advisories);
        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.Contains("Coverage incomplete: 3 entries could not be read", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("\nNo issues found", run.Output, StringComparison.Ordinal);

        var json = await Support.Cli.RunAsync("scan", TestPaths.Fixture("npm", "partial"), "--advisories", TestPaths.Advisories, "--json");
        Assert.Equal(3, json.ExitCode);
        using var document = JsonDocument.Parse(json.Output);
        Assert.Equal("partial", document.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Exits_3_when_an_advisory_range_cannot_be_compared_and_never_claims_no_issues()
    {
        using var temp = TestPaths.Temp();
        temp.File("package-lock.json", """
            {"name":"app","version":"1.0.0","lockfileVersion":3,"requires":true,
             "packages":{"":{"name":"app","version":"1.0.0","dependencies":{"leftpad":"1.0.0"}},
                         "node_modules/leftpad":{"version":"1.0.0","resolved":"https://registry.npmjs.org/leftpad/-/leftpad-1.0.0.tgz"}}}
            """);
        temp.File("advisories/GHSA-test-unev.json", """
            {"schema_version":"1.4.0","id":"GHSA-test-unev","modified":"2026-01-01T00:00:00Z",
             "affected":[{"package":{"ecosystem":"npm","name":"leftpad"},
                          "ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"not-a-version"}]}]}]}
            """);
        var run = await Support.Cli.RunAsync("scan", Path.Combine(temp.Path, "package-lock.json"), "--advisories", Path.Combine(temp.Path, "advisories"));
        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.Contains("could not be compared", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("\nNo issues found", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exits_3_when_no_supported_file_is_found()
    {
        using var temp = TestPaths.Temp();
        temp.File("README.md", "nothing here");
        var run = await Support.Cli.RunAsync("scan", temp.Path, "--advisories", TestPaths.Advisories);
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("nothing was scanned", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exits_4_without_advisory_data()
    {
        using var temp = TestPaths.Temp();
        var run = await Support.Cli.RunAsync("scan", Repo, "--db", temp.Path);
        Assert.Equal(4, run.ExitCode);
        Assert.Contains("heimdall db import", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exits_4_when_the_database_is_older_than_allowed()
    {
        using var temp = TestPaths.Temp();
        var import = await Support.Cli.RunAtAsync(Support.Cli.Now, "db", "import", TestPaths.Advisories, "--db", temp.Path);
        Assert.Equal(3, import.ExitCode);
        var later = Support.Cli.Now.AddDays(8);
        var stale = await Support.Cli.RunAtAsync(later, "scan", Repo, "--db", temp.Path);
        Assert.True(stale.ExitCode == 4, stale.ToString());
        Assert.Contains("8.0 days old", stale.Error, StringComparison.Ordinal);
        var allowed = await Support.Cli.RunAtAsync(later, "scan", Repo, "--db", temp.Path, "--max-age", "10");
        Assert.Equal(1, allowed.ExitCode);
    }

    [Fact]
    public async Task Reports_only_new_findings_against_a_baseline_report()
    {
        using var temp = TestPaths.Temp();
        var baseline = temp.Combine("baseline.json");
        var first = await Support.Cli.RunAsync("scan", Repo, "--advisories", TestPaths.Advisories, "--format", "json", "--output", baseline);
        Assert.Equal(1, first.ExitCode);
        Assert.Contains("Report: " + baseline, first.Error, StringComparison.Ordinal);

        var same = await Support.Cli.RunAsync("scan", Repo, "--advisories", TestPaths.Advisories, "--baseline", baseline, "--json");
        Assert.True(same.ExitCode == 0, same.ToString());

        temp.File("repo/web/package-lock.json", File.ReadAllText(TestPaths.Fixture("repo", "web", "package-lock.json")));
        temp.File("repo/api/packages.lock.json", File.ReadAllText(TestPaths.Fixture("repo", "api", "packages.lock.json"))
            .Replace("\"resolved\": \"3.1.1\"", "\"resolved\": \"3.1.1\"", StringComparison.Ordinal));
        temp.File("repo/extra/packages.config", """<packages><package id="Legacy.Widgets" version="1.5.0" /></packages>""");
        var changed = await Support.Cli.RunAsync("scan", temp.Combine("repo"), "--advisories", TestPaths.Advisories, "--baseline", baseline, "--json");
        Assert.Equal(1, changed.ExitCode);
        using var document = JsonDocument.Parse(changed.Output);
        var vulnerabilities = document.RootElement.GetProperty("vulnerabilities").EnumerateArray().Select(v => v.GetProperty("rule_id").GetString()).ToList();
        Assert.Equal(["GHSA-9999-four-part"], vulnerabilities);
    }

    [Fact]
    public async Task Fails_on_expired_suppressions_and_lists_unused_ones()
    {
        using var temp = TestPaths.Temp();
        var file = temp.File("suppressions.yml", """
            suppressions:
              - id: GHSA-5crp-9r3c-p9vr
                reason: deserialization of trusted input only
                owner: api-team
                expires: 2026-01-31
              - id: CVE-1999-0001
                reason: obsolete
                owner: api-team
                expires: 2027-01-31
            """);
        using var clean = TestPaths.Temp();
        clean.File("packages.lock.json", File.ReadAllText(TestPaths.Fixture("repo", "api", "packages.lock.json")));
        var run = await Support.Cli.RunAsync("scan", clean.Path, "--advisories", TestPaths.Advisories, "--suppressions", file, "--fail-on", "critical");
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("expired on 2026-01-31", run.Output, StringComparison.Ordinal);
        Assert.Contains("CVE-1999-0001 (line", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Writes_JUnit_XML_with_a_failure_per_finding()
    {
        using var temp = TestPaths.Temp();
        var output = temp.Combine("junit.xml");
        var run = await Support.Cli.RunAsync("scan", Repo, "--advisories", TestPaths.Advisories, "--format", "junit", "--output", output);
        Assert.Equal(1, run.ExitCode);
        var xml = XDocument.Load(output);
        var suites = xml.Root!.Elements("testsuite").ToList();
        Assert.Equal(["api/packages.lock.json", "web/package-lock.json"], suites.Select(s => (string)s.Attribute("name")!));
        Assert.Equal(6, xml.Descendants("failure").Count());
        Assert.Equal("3", (string)suites[1].Attribute("failures")!);
    }

    [Fact]
    public async Task Writes_an_HTML_report_that_escapes_what_it_shows()
    {
        using var temp = TestPaths.Temp();
        temp.File("package-lock.json", """{"lockfileVersion":3,"packages":{"":{},"node_modules/<script>x":{"version":"1.0.0"}}}""");
        var output = temp.Combine("report.html");
        var run = await Support.Cli.RunAsync("scan", temp.Path, "--advisories", TestPaths.Advisories, "--format", "html", "--output", output);
        Assert.Equal(3, run.ExitCode);
        var html = File.ReadAllText(output);
        Assert.Contains("Heimdall scan report", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;x", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Writes_SARIF_and_CycloneDX_that_validate_against_their_schemas()
    {
        var sarif = await Support.Cli.RunAsync("scan", Repo, "--advisories", TestPaths.Advisories, "--format", "sarif");
        Assert.Equal(1, sarif.ExitCode);
        Assert.Empty(SchemaValidator.Errors(SchemaValidator.Sarif, sarif.Output));
        var bom = await Support.Cli.RunAsync("scan", Repo, "--advisories", TestPaths.Advisories, "--format", "cyclonedx");
        Assert.Empty(SchemaValidator.Errors(SchemaValidator.CycloneDx, bom.Output));
        using var document = JsonDocument.Parse(bom.Output);
        // Two vulnerabilities and the malicious-package record.
        Assert.Equal(3, document.RootElement.GetProperty("vulnerabilities").GetArrayLength());
    }
}
