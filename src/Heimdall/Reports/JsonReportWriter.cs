using System.Text.Json;
using Heimdall.Matching;

namespace Heimdall.Reports;

/// <summary>
/// Writes the scan result as JSON with a versioned schema (<c>schema</c> and <c>schema_version</c>
/// fields; the JSON Schema ships as <c>heimdall-report-1.schema.json</c>). New fields may be added within
/// a schema version; a field is never removed or changed in meaning without a new version.
/// </summary>
public static class JsonReportWriter
{
    /// <summary>The value of the report's <c>schema</c> field.</summary>
    public const string SchemaName = "heimdall-scan-report";

    /// <summary>The report schema version this writer produces.</summary>
    public const int SchemaVersion = 1;

    /// <summary>Writes the report.</summary>
    public static void Write(Stream output, ScanResult result, ReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(options);
        using var writer = new Utf8JsonWriter(output, JsonParts.Indented);
        writer.WriteStartObject();
        writer.WriteString("schema", SchemaName);
        writer.WriteNumber("schema_version", SchemaVersion);
        writer.WritePropertyName("tool");
        writer.WriteStartObject();
        writer.WriteString("name", ToolInfo.Name);
        writer.WriteString("version", options.ToolVersion);
        writer.WriteEndObject();
        writer.WriteString("generated_at", JsonParts.Time(result.GeneratedAt));
        writer.WriteString("root", options.RootLabel ?? result.Inventory.Root);
        writer.WriteString("status", JsonParts.Status(result));
        writer.WriteNumber("exit_code", (int)result.ExitCode);
        writer.WriteString("result_digest", result.ResultDigest);
        writer.WriteString("fail_on", result.Threshold.ToString());
        writer.WriteBoolean("baseline_applied", result.BaselineApplied);

        writer.WritePropertyName("advisories");
        writer.WriteStartObject();
        writer.WriteString("source", result.AdvisoryData.Source);
        JsonParts.WriteNullable(writer, "updated_at", result.AdvisoryData.UpdatedAt is { } at ? JsonParts.Time(at) : null);
        writer.WriteNumber("count", result.AdvisoryData.Count);
        writer.WriteNumber("rejected", result.AdvisoryData.Rejected);
        writer.WriteNumber("unevaluable", result.Unevaluable);
        writer.WriteEndObject();

        var files = result.Inventory.Files;
        writer.WritePropertyName("summary");
        writer.WriteStartObject();
        writer.WriteBoolean("complete", result.Inventory.IsComplete);
        writer.WriteNumber("files", files.Count);
        writer.WriteNumber("packages", files.Sum(f => f.Packages.Count));
        writer.WriteNumber("unparsed", files.Sum(f => f.Unparsed.Count));
        writer.WriteNumber("vulnerabilities", result.Vulnerabilities.Count);
        writer.WriteNumber("suspicious", result.Suspicious.Count);
        writer.WriteNumber("failing", result.FailingFindings);
        writer.WriteNumber("suppressed", result.Suppressed.Count);
        writer.WriteNumber("baselined", result.Baselined.Count);
        writer.WriteEndObject();

        writer.WriteStartArray("files");
        foreach (var file in files)
        {
            JsonParts.WriteFile(writer, file);
        }

        writer.WriteEndArray();
        WriteFindings(writer, "vulnerabilities", result.Vulnerabilities);
        WriteFindings(writer, "suspicious", result.Suspicious);
        writer.WriteStartArray("suppressed");
        foreach (var s in result.Suppressed)
        {
            JsonParts.WriteFinding(writer, s.Finding, s.Suppression);
        }

        writer.WriteEndArray();
        WriteFindings(writer, "baselined", result.Baselined);
        writer.WriteStartArray("expired_suppressions");
        foreach (var s in result.ExpiredSuppressions)
        {
            JsonParts.WriteSuppression(writer, s);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("unused_suppressions");
        foreach (var s in result.UnusedSuppressions)
        {
            JsonParts.WriteSuppression(writer, s);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteFindings(Utf8JsonWriter writer, string name, IEnumerable<Finding> findings)
    {
        writer.WriteStartArray(name);
        foreach (var finding in findings)
        {
            JsonParts.WriteFinding(writer, finding);
        }

        writer.WriteEndArray();
    }
}
