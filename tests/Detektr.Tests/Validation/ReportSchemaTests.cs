using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Detektr.Validation;
using Json.Schema;

namespace Detektr.Tests.Validation;

[Collection(KitchenSinkGroup.Name)]
public sealed class ReportSchemaTests(KitchenSinkRun run)
{
    private static string Schema(string name) => Path.Combine(AppContext.BaseDirectory, "Validation", "Data", "Schemas", name);

    [Fact]
    public void The_JUnit_report_is_valid_against_the_Jenkins_junit_10_schema()
    {
        var path = Path.Combine(run.Directory, "report.xml");
        JUnitReport.Write(run.Report, path, run.Directory);

        var schemas = new XmlSchemaSet();
        schemas.Add(null, Schema("junit-10.xsd"));
        var errors = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = schemas };
        settings.ValidationFlags |= XmlSchemaValidationFlags.ReportValidationWarnings;
        settings.ValidationEventHandler += (_, e) => errors.Add($"{e.Severity} line {e.Exception.LineNumber}: {e.Message}");
        using (var reader = XmlReader.Create(path, settings))
        {
            while (reader.Read())
            {
            }
        }

        Assert.Empty(errors);
    }

    [Fact]
    public void The_JUnit_report_has_a_suite_per_spec_and_a_case_per_expectation_with_failures_and_evidence()
    {
        using var stream = new MemoryStream();
        JUnitReport.Write(run.Report, stream, run.Directory);
        var document = XDocument.Parse(System.Text.Encoding.UTF8.GetString(stream.ToArray()));

        var root = document.Root!;
        Assert.Equal(("testsuites", "26", "12", "0"), (root.Name.LocalName, (string?)root.Attribute("tests"), (string?)root.Attribute("failures"), (string?)root.Attribute("errors")));
        var suite = Assert.Single(root.Elements("testsuite"));
        Assert.Equal(("kitchen sink", "kitchen-sink.yml"), ((string?)suite.Attribute("name"), (string?)suite.Attribute("file")));
        var cases = suite.Elements("testcase").ToList();
        Assert.Equal(26, cases.Count);
        Assert.Equal(12, cases.Count(c => c.Element("failure") is not null));
        var failed = Assert.Single(cases, c => (string?)c.Attribute("name") == "occurs: persistence T1543.002");
        Assert.Equal("behaviour-occurs", (string?)failed.Element("failure")!.Attribute("type"));
        Assert.Contains("at kitchen-sink.yml:", failed.Element("failure")!.Value, StringComparison.Ordinal);
        var passed = Assert.Single(cases, c => (string?)c.Attribute("name") == "fires 'Test Uname Executed'");
        Assert.Contains("[spec] seq ", passed.Element("system-out")!.Value, StringComparison.Ordinal);
        Assert.Contains(suite.Element("properties")!.Elements("property"), p => (string?)p.Attribute("name") == "run.spec");
    }

    [Fact]
    public void The_SARIF_report_is_valid_against_the_SARIF_2_1_0_schema()
    {
        using var stream = new MemoryStream();
        SarifReport.Write(run.Report, stream, run.Directory);
        var json = System.Text.Encoding.UTF8.GetString(stream.ToArray());

        var schema = JsonSchema.FromText(File.ReadAllText(Schema("sarif-2.1.0.schema.json")), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        using var document = JsonDocument.Parse(json);
        var result = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });

        var errors = (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}")).ToList();
        Assert.True(result.IsValid, string.Join("\n", errors));
    }

    [Fact]
    public void The_SARIF_report_has_a_result_per_failed_expectation_at_its_spec_line_with_rule_ids()
    {
        using var stream = new MemoryStream();
        SarifReport.Write(run.Report, stream, run.Directory);
        using var document = JsonDocument.Parse(stream.ToArray());

        var sarifRun = document.RootElement.GetProperty("runs")[0];
        var rules = sarifRun.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        Assert.Equal(["DKV001", "DKV002", "DKV003", "DKV004", "DKV005"], rules);
        var results = sarifRun.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(12, results.Count);
        Assert.All(results, r => Assert.Equal(r.GetProperty("ruleId").GetString(), rules[r.GetProperty("ruleIndex").GetInt32()]));

        var silent = Assert.Single(results, r => r.GetProperty("ruleId").GetString() == ExpectationKinds.RuleSilent);
        var location = silent.GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.Equal("kitchen-sink.yml", location.GetProperty("artifactLocation").GetProperty("uri").GetString());
        var expectation = run.Report.Result("does not fire 'Test Cron Write'").Expectation.Location;
        Assert.Equal(expectation.Line, location.GetProperty("region").GetProperty("startLine").GetInt32());
        var rule = silent.GetProperty("properties").GetProperty("detectionRule");
        Assert.Equal(("0b6a3c2e-5d1f-4a8e-9c77-1f2e3d4c5b03", "Test Cron Write"), (rule.GetProperty("id").GetString(), rule.GetProperty("title").GetString()));
        Assert.Contains("does not fire 'Test Cron Write'", silent.GetProperty("message").GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_JSON_report_carries_every_verdict_with_its_location_and_evidence()
    {
        using var document = JsonDocument.Parse(ValidationReportJson.Serialize(run.Report, run.Directory));

        var root = document.RootElement;
        Assert.False(root.GetProperty("Passed").GetBoolean());
        Assert.Equal((26, 12), (root.GetProperty("Expectations").GetInt32(), root.GetProperty("Failures").GetInt32()));
        var spec = root.GetProperty("Results")[0];
        Assert.Equal("kitchen-sink.yml", spec.GetProperty("File").GetString());
        var runs = spec.GetProperty("Runs").EnumerateArray().ToList();
        Assert.Equal("spec", Assert.Single(runs).GetProperty("Run").GetString());
        var first = spec.GetProperty("Expectations")[0];
        Assert.Equal(("fires 'Test Uname Executed'", "passed", "DKV001"),
            (first.GetProperty("Name").GetString(), first.GetProperty("Verdict").GetString(), first.GetProperty("Kind").GetString()));
        Assert.True(first.GetProperty("Line").GetInt32() > 0);
        Assert.Single(first.GetProperty("Evidence")[0].GetProperty("Sequences").EnumerateArray());
    }
}
