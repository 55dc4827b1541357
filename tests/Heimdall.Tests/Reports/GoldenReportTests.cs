using System.Text.Json;
using Heimdall.Reports;
using Heimdall.Tests.Support;

namespace Heimdall.Tests.Reports;

public class GoldenReportTests
{
    [Fact]
    public void Writes_the_JSON_report_of_the_golden_file_and_it_validates_against_its_schema()
    {
        var json = Scans.Render(s => JsonReportWriter.Write(s, Scans.Repo(), Scans.Options));
        AssertGolden("repo.report.json", json);
        Assert.Empty(SchemaValidator.Errors(SchemaValidator.Report, json));
    }

    [Fact]
    public void Writes_the_SARIF_log_of_the_golden_file_and_it_validates_against_SARIF_2_1_0()
    {
        var sarif = Scans.Render(s => SarifWriter.Write(s, Scans.Repo(), Scans.Options));
        AssertGolden("repo.sarif.json", sarif);
        Assert.Empty(SchemaValidator.Errors(SchemaValidator.Sarif, sarif));
    }

    [Fact]
    public void Writes_the_CycloneDX_SBOM_of_the_golden_file_and_it_validates_against_CycloneDX_1_6()
    {
        var bom = Scans.Render(s => CycloneDxWriter.Write(s, Scans.Repo(), Scans.Options));
        AssertGolden("repo.cdx.json", bom);
        Assert.Empty(SchemaValidator.Errors(SchemaValidator.CycloneDx, bom));
    }

    [Theory]
    [InlineData("npm", false)]
    [InlineData("real", true)]
    [InlineData(".", false)]
    public void Reports_of_other_trees_also_validate(string folder, bool complete)
    {
        var result = Scans.Repo(folder);
        Assert.Equal(complete, result.Inventory.IsComplete);
        Assert.Empty(SchemaValidator.Errors(SchemaValidator.Report, Scans.Render(s => JsonReportWriter.Write(s, result, Scans.Options))));
        Assert.Empty(SchemaValidator.Errors(SchemaValidator.Sarif, Scans.Render(s => SarifWriter.Write(s, result, Scans.Options))));
        Assert.Empty(SchemaValidator.Errors(SchemaValidator.CycloneDx, Scans.Render(s => CycloneDxWriter.Write(s, result, Scans.Options))));
    }

    [Fact]
    public void The_schema_validators_reject_broken_documents()
    {
        Assert.NotEmpty(SchemaValidator.Errors(SchemaValidator.Sarif, """{"version":"2.1.0","runs":[{"results":[]}]}"""));
        Assert.NotEmpty(SchemaValidator.Errors(SchemaValidator.CycloneDx, """{"bomFormat":"CycloneDX","specVersion":"1.6","components":[{"type":"bogus","name":"x"}]}"""));
        Assert.NotEmpty(SchemaValidator.Errors(SchemaValidator.Report, """{"schema":"heimdall-scan-report","schema_version":1}"""));
    }

    [Fact]
    public void The_bundled_report_schema_is_the_one_the_library_ships()
    {
        using var shipped = typeof(JsonReportWriter).Assembly.GetManifestResourceStream(
            typeof(JsonReportWriter).Assembly.GetManifestResourceNames().Single(n => n.EndsWith("heimdall-report-1.schema.json", StringComparison.Ordinal)))!;
        using var reader = new StreamReader(shipped);
        Assert.Equal(File.ReadAllText(TestPaths.Schema("heimdall-report-1.schema.json")), reader.ReadToEnd());
    }

    [Fact]
    public void Keeps_SARIF_fingerprints_when_lines_move()
    {
        using var temp = TestPaths.Temp();
        var original = File.ReadAllText(TestPaths.Fixture("repo", "web", "package-lock.json"));
        temp.File("web/package-lock.json", original);
        var before = Fingerprints(temp.Path);
        temp.File("web/package-lock.json", "\n\n\n" + original.Replace("\"requires\": true,", "\"requires\": true,\n\n", StringComparison.Ordinal));
        var after = Fingerprints(temp.Path);
        Assert.NotEmpty(before);
        Assert.Equal(before, after);
    }

    private static List<string> Fingerprints(string root)
    {
        var result = Heimdall.Matching.Scanner.Run(new Heimdall.Matching.ScanRequest
        {
            Inventory = Heimdall.Readers.LockfileScanner.Scan(root),
            Advisories = Scans.Advisories(),
            AdvisoryData = new Heimdall.Matching.AdvisoryDataInfo("x", Scans.Now, 5),
            Now = Scans.Now,
        });
        using var document = JsonDocument.Parse(Scans.Render(s => SarifWriter.Write(s, result, Scans.Options)));
        return document.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Select(r => r.GetProperty("partialFingerprints").GetProperty(SarifWriter.FingerprintKey).GetString()!)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static void AssertGolden(string name, string actual)
    {
        if (Environment.GetEnvironmentVariable("HEIMDALL_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(TestPaths.SourceGolden(name), actual);
            Directory.CreateDirectory(Path.GetDirectoryName(TestPaths.Golden(name))!);
            File.WriteAllText(TestPaths.Golden(name), actual);
        }

        Assert.True(File.Exists(TestPaths.Golden(name)), $"golden file {name} is missing: run the tests with HEIMDALL_UPDATE_GOLDEN=1 once");
        Assert.Equal(File.ReadAllText(TestPaths.Golden(name)), actual);
    }
}
