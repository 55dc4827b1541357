using System.Text.Json;

namespace Detektr.Validation;

/// <summary>Writes the failed and unjudged expectations of a validation report as SARIF 2.1.0: one result
/// per expectation that did not pass, with the kind of expectation as its rule (<c>DKV001</c> rule fires
/// ... <c>DKV005</c> mitigation prevents), the spec file and line as its location, and the detection
/// rule and evidence in its properties. Code-scanning tools show each result on the spec line.</summary>
public static class SarifReport
{
    /// <summary>The SARIF version written.</summary>
    public const string Version = "2.1.0";

    /// <summary>The schema URI written in <c>$schema</c>.</summary>
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";

    /// <summary>Writes <paramref name="report"/> to <paramref name="path"/>; spec files are named relative to
    /// <paramref name="baseDirectory"/> (the current directory by default).</summary>
    public static void Write(ValidationReport report, string path, string? baseDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = File.Create(path);
        Write(report, stream, baseDirectory);
    }

    /// <summary>Writes <paramref name="report"/> to <paramref name="stream"/> (UTF-8 JSON).</summary>
    public static void Write(ValidationReport report, Stream stream, string? baseDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(stream);
        var root = baseDirectory ?? Environment.CurrentDirectory;
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteString("$schema", SchemaUri);
        json.WriteString("version", Version);
        json.WriteStartArray("runs");
        json.WriteStartObject();

        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", "detektr");
        json.WriteString("version", typeof(SarifReport).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");
        json.WriteStartArray("rules");
        foreach (var (id, name, description) in ExpectationKinds.All)
        {
            json.WriteStartObject();
            json.WriteString("id", id);
            json.WriteString("name", name);
            json.WriteStartObject("shortDescription");
            json.WriteString("text", description);
            json.WriteEndObject();
            json.WriteStartObject("defaultConfiguration");
            json.WriteString("level", "error");
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();

        json.WriteStartArray("invocations");
        json.WriteStartObject();
        json.WriteBoolean("executionSuccessful", true);
        json.WriteString("startTimeUtc", report.StartedUtc.UtcDateTime);
        json.WriteString("endTimeUtc", (report.StartedUtc + report.Duration).UtcDateTime);
        json.WriteEndObject();
        json.WriteEndArray();

        json.WriteStartArray("results");
        foreach (var spec in report.Specs)
        {
            foreach (var result in spec.Results.Where(r => r.Verdict != Verdict.Passed))
            {
                WriteResult(json, spec, result, root);
            }
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter json, SpecResult spec, ExpectationResult result, string root)
    {
        var kind = ExpectationKinds.All.Select((k, index) => (k.Id, Index: index)).First(k => k.Id == result.Expectation.KindId);
        json.WriteStartObject();
        json.WriteString("ruleId", kind.Id);
        json.WriteNumber("ruleIndex", kind.Index);
        json.WriteString("kind", "fail");
        json.WriteString("level", "error");
        json.WriteStartObject("message");
        json.WriteString("text", $"{spec.Spec.Name}: {result.Name}: {result.Summary}");
        json.WriteEndObject();

        json.WriteStartArray("locations");
        json.WriteStartObject();
        json.WriteStartObject("physicalLocation");
        json.WriteStartObject("artifactLocation");
        json.WriteString("uri", ReportPaths.Uri(spec.Spec.File, root));
        json.WriteEndObject();
        if (result.Expectation.Location.Line > 0)
        {
            json.WriteStartObject("region");
            json.WriteNumber("startLine", result.Expectation.Location.Line);
            json.WriteNumber("startColumn", Math.Max(1, result.Expectation.Location.Column));
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndArray();

        json.WriteStartObject("properties");
        json.WriteString("spec", spec.Spec.Name);
        json.WriteString("verdict", result.Verdict == Verdict.Failed ? "failed" : "error");
        if (result.Variant is { } variant)
        {
            json.WriteString("variant", variant.Name);
        }

        if (result.Rule is { } rule)
        {
            json.WriteStartObject("detectionRule");
            if (rule.Id is { } id)
            {
                json.WriteString("id", id);
            }

            json.WriteString("title", rule.Title);
            json.WriteEndObject();
        }

        json.WriteStartArray("evidence");
        foreach (var evidence in result.Evidence)
        {
            json.WriteStringValue(evidence.ToString());
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
