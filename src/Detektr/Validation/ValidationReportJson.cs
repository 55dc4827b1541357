using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Detektr.Validation;

/// <summary>The JSON form of a validation report (<c>detektr validate --json</c>): totals, then per spec its
/// runs and each expectation's verdict with its location and evidence.</summary>
public static class ValidationReportJson
{
    /// <summary>Serializes <paramref name="report"/>, naming spec files relative to <paramref name="baseDirectory"/>
    /// (the current directory by default).</summary>
    public static string Serialize(ValidationReport report, string? baseDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var root = baseDirectory ?? Environment.CurrentDirectory;
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteBoolean("Passed", report.Passed);
            json.WriteNumber("Specs", report.Specs.Count);
            json.WriteNumber("Expectations", report.Expectations);
            json.WriteNumber("Failures", report.Failures);
            json.WriteNumber("Errors", report.Errors);
            json.WriteString("StartedUtc", report.StartedUtc.UtcDateTime);
            json.WriteNumber("Seconds", Math.Round(report.Duration.TotalSeconds, 3));
            json.WriteNumber("Parallelism", report.Parallelism);
            json.WriteStartArray("Results");
            foreach (var spec in report.Specs)
            {
                WriteSpec(json, spec, root);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteSpec(Utf8JsonWriter json, SpecResult spec, string root)
    {
        json.WriteStartObject();
        json.WriteString("Name", spec.Spec.Name);
        json.WriteString("File", ReportPaths.Relative(spec.Spec.File, root));
        json.WriteBoolean("Passed", spec.Passed);
        json.WriteNumber("Seconds", Math.Round(spec.Duration.TotalSeconds, 3));
        json.WriteStartArray("Runs");
        foreach (var run in spec.Runs)
        {
            json.WriteStartObject();
            json.WriteString("Run", run.Label);
            WriteOptional(json, "RunId", run.RunId);
            WriteOptional(json, "Directory", run.Directory);
            WriteOptional(json, "Termination", run.Termination);
            if (run.ExitCode is { } exit)
            {
                json.WriteNumber("ExitCode", exit);
            }

            json.WriteNumber("Events", run.Events);
            json.WriteNumber("Detections", run.Detections);
            json.WriteNumber("Seconds", Math.Round(run.Duration.TotalSeconds, 3));
            WriteOptional(json, "Problem", run.Problem);
            if (run.Variant is { } variant)
            {
                json.WriteString("Controls", variant.Controls.Describe());
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("Expectations");
        foreach (var result in spec.Results)
        {
            json.WriteStartObject();
            json.WriteString("Name", result.Name);
            json.WriteString("Kind", result.Expectation.KindId);
            json.WriteString("KindName", JUnitReport.KindName(result.Expectation.KindId));
            WriteOptional(json, "Variant", result.Variant?.Name);
            json.WriteString("Verdict", result.Verdict.ToString().ToLowerInvariant());
            json.WriteString("Summary", result.Summary);
            json.WriteNumber("Line", result.Expectation.Location.Line);
            json.WriteNumber("Column", result.Expectation.Location.Column);
            if (result.Rule is { } rule)
            {
                json.WriteStartObject("Rule");
                WriteOptional(json, "Id", rule.Id);
                json.WriteString("Title", rule.Title);
                WriteOptional(json, "Level", rule.Level);
                json.WriteEndObject();
            }

            json.WriteStartArray("Evidence");
            foreach (var evidence in result.Evidence)
            {
                json.WriteStartObject();
                json.WriteString("Run", evidence.Run);
                json.WriteStartArray("Sequences");
                foreach (var sequence in evidence.Sequences)
                {
                    json.WriteNumberValue(sequence);
                }

                json.WriteEndArray();
                json.WriteString("Detail", evidence.Detail);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }
}
