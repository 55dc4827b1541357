using System.Globalization;
using System.Text.Json;
using Heimdall.Advisories;
using Heimdall.Matching;

namespace Heimdall.Reports;

/// <summary>
/// Writes SARIF 2.1.0 for code scanning: one rule per advisory or heuristic, one result per finding on
/// the lockfile line, <c>partialFingerprints</c> from the finding's stable fingerprint, and the entries
/// that could not be read as tool execution notifications.
/// </summary>
public static class SarifWriter
{
    /// <summary>The key under which the stable fingerprint is written.</summary>
    public const string FingerprintKey = "heimdallFinding/v1";

    /// <summary>Writes the SARIF log.</summary>
    public static void Write(Stream output, ScanResult result, ReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(options);
        var findings = result.Findings.ToList();
        var rules = findings.GroupBy(f => f.RuleId, StringComparer.Ordinal).Select(g => g.First()).ToList();
        var ruleIndex = rules.Select((r, i) => (r.RuleId, i)).ToDictionary(x => x.RuleId, x => x.i, StringComparer.Ordinal);
        using var writer = new Utf8JsonWriter(output, JsonParts.Indented);
        writer.WriteStartObject();
        writer.WriteString("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        writer.WriteString("version", "2.1.0");
        writer.WriteStartArray("runs");
        writer.WriteStartObject();
        writer.WritePropertyName("tool");
        writer.WriteStartObject();
        writer.WritePropertyName("driver");
        writer.WriteStartObject();
        writer.WriteString("name", ToolInfo.Name);
        writer.WriteString("semanticVersion", options.ToolVersion);
        writer.WriteStartArray("rules");
        foreach (var rule in rules)
        {
            WriteRule(writer, rule);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndObject();

        writer.WriteStartArray("invocations");
        writer.WriteStartObject();
        writer.WriteBoolean("executionSuccessful", true);
        writer.WriteStartArray("toolExecutionNotifications");
        foreach (var file in result.Inventory.Files)
        {
            foreach (var entry in file.Unparsed)
            {
                writer.WriteStartObject();
                writer.WriteString("level", "warning");
                writer.WritePropertyName("message");
                writer.WriteStartObject();
                writer.WriteString("text", $"Not understood: {entry.Entry}: {entry.Reason}");
                writer.WriteEndObject();
                writer.WriteStartArray("locations");
                WriteLocation(writer, file.Path, entry.Line);
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndArray();

        writer.WriteStartArray("results");
        foreach (var finding in findings)
        {
            writer.WriteStartObject();
            writer.WriteString("ruleId", finding.RuleId);
            writer.WriteNumber("ruleIndex", ruleIndex[finding.RuleId]);
            writer.WriteString("level", Level(finding.Severity.Level));
            writer.WritePropertyName("message");
            writer.WriteStartObject();
            var fix = finding.FixedIn.Count > 0 ? $" Fixed in {string.Join(", ", finding.FixedIn)}." : "";
            writer.WriteString("text", $"{finding.Reason}: {finding.Title}.{fix}");
            writer.WriteEndObject();
            writer.WriteStartArray("locations");
            WriteLocation(writer, finding.Package.File, finding.Package.Line);
            writer.WriteEndArray();
            writer.WritePropertyName("partialFingerprints");
            writer.WriteStartObject();
            writer.WriteString(FingerprintKey, finding.Fingerprint.Value);
            writer.WriteEndObject();
            writer.WritePropertyName("properties");
            writer.WriteStartObject();
            writer.WriteString("package", finding.Package.Name);
            JsonParts.WriteNullable(writer, "version", finding.Package.Version);
            writer.WriteString("ecosystem", finding.Package.Ecosystem.ToString());
            writer.WriteString("severity", finding.Severity.Level.ToName());
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WritePropertyName("properties");
        writer.WriteStartObject();
        writer.WriteString("resultDigest", result.ResultDigest);
        writer.WriteBoolean("coverageComplete", result.Inventory.IsComplete);
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>The SARIF level of a severity: critical and high are errors, low a note.</summary>
    public static string Level(SeverityLevel level) => level switch
    {
        SeverityLevel.Critical or SeverityLevel.High => "error",
        SeverityLevel.Low => "note",
        _ => "warning",
    };

    private static void WriteRule(Utf8JsonWriter writer, Finding finding)
    {
        writer.WriteStartObject();
        writer.WriteString("id", finding.RuleId);
        writer.WritePropertyName("shortDescription");
        writer.WriteStartObject();
        writer.WriteString("text", finding.Title);
        writer.WriteEndObject();
        if (finding.Advisory?.Details is { Length: > 0 } details)
        {
            writer.WritePropertyName("fullDescription");
            writer.WriteStartObject();
            writer.WriteString("text", details);
            writer.WriteEndObject();
        }

        if (finding.Advisory is not null)
        {
            writer.WriteString("helpUri", "https://osv.dev/vulnerability/" + Uri.EscapeDataString(finding.RuleId));
        }

        writer.WritePropertyName("defaultConfiguration");
        writer.WriteStartObject();
        writer.WriteString("level", Level(finding.Severity.Level));
        writer.WriteEndObject();
        writer.WritePropertyName("properties");
        writer.WriteStartObject();
        // GitHub code scanning ranks security results by this CVSS-like number.
        writer.WriteString("security-severity", SecuritySeverity(finding.Severity));
        writer.WriteStartArray("tags");
        writer.WriteStringValue("security");
        writer.WriteStringValue(finding.Category == FindingCategory.Vulnerability ? "vulnerability" : "supply-chain");
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static string SecuritySeverity(SeverityRating rating)
    {
        var score = rating.Score ?? rating.Level switch
        {
            SeverityLevel.Critical => 9.5,
            SeverityLevel.High => 8.0,
            SeverityLevel.Medium => 5.5,
            SeverityLevel.Low => 2.0,
            _ => 8.0,
        };
        return score.ToString("0.0", CultureInfo.InvariantCulture);
    }

    private static void WriteLocation(Utf8JsonWriter writer, string file, int? line)
    {
        writer.WriteStartObject();
        writer.WritePropertyName("physicalLocation");
        writer.WriteStartObject();
        writer.WritePropertyName("artifactLocation");
        writer.WriteStartObject();
        writer.WriteString("uri", string.Join('/', file.Split('/').Select(Uri.EscapeDataString)));
        writer.WriteString("uriBaseId", "%SRCROOT%");
        writer.WriteEndObject();
        writer.WritePropertyName("region");
        writer.WriteStartObject();
        writer.WriteNumber("startLine", line ?? 1);
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
