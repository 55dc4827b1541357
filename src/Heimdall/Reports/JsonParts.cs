using System.Globalization;
using System.Text.Json;
using Heimdall.Advisories;
using Heimdall.Matching;
using Heimdall.Packages;
using Heimdall.Policy;

namespace Heimdall.Reports;

/// <summary>The JSON shapes of packages, findings and suppressions, shared by the JSON outputs.</summary>
public static class JsonParts
{
    /// <summary>Writes one package occurrence as the <c>packages</c> command and reports show it.</summary>
    public static void WritePackage(Utf8JsonWriter writer, PackageOccurrence package)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(package);
        writer.WriteStartObject();
        writer.WriteString("ecosystem", package.Ecosystem.ToOsv());
        writer.WriteString("name", package.Name);
        WriteNullable(writer, "version", package.Version);
        writer.WriteString("kind", package.Kind.ToString().ToLowerInvariant());
        writer.WriteStartArray("groups");
        foreach (var group in package.Groups.ToNames())
        {
            writer.WriteStringValue(group);
        }

        writer.WriteEndArray();
        writer.WriteString("source", package.Source.ToString().ToLowerInvariant());
        WriteNullable(writer, "resolved", package.Resolved);
        WriteNullable(writer, "commit", package.Commit);
        WriteNullable(writer, "integrity", package.Integrity);
        writer.WriteString("file", package.File);
        WriteNullable(writer, "location", package.Location);
        if (package.Line is { } line)
        {
            writer.WriteNumber("line", line);
        }
        else
        {
            writer.WriteNull("line");
        }

        WriteNullable(writer, "target_framework", package.TargetFramework);
        writer.WriteBoolean("install_script", package.HasInstallScript);
        writer.WriteStartArray("dependencies");
        foreach (var dependency in package.Dependencies)
        {
            writer.WriteStringValue(dependency);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>Writes one file's coverage.</summary>
    public static void WriteFile(Utf8JsonWriter writer, FileInventory file)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(file);
        writer.WriteStartObject();
        writer.WriteString("path", file.Path);
        writer.WriteString("format", file.Format.ToName());
        WriteNullable(writer, "format_version", file.FormatVersion);
        writer.WriteString("ecosystem", file.Ecosystem.ToOsv());
        writer.WriteNumber("packages", file.Packages.Count);
        writer.WriteNumber("entries", file.EntriesSeen);
        writer.WriteNumber("coverage", Math.Round(file.Coverage, 4));
        writer.WriteBoolean("complete", file.IsComplete);
        writer.WriteStartArray("unparsed");
        foreach (var entry in file.Unparsed)
        {
            writer.WriteStartObject();
            writer.WriteString("entry", entry.Entry);
            writer.WriteString("reason", entry.Reason);
            if (entry.Line is { } line)
            {
                writer.WriteNumber("line", line);
            }
            else
            {
                writer.WriteNull("line");
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>Writes one finding; <paramref name="suppression"/> is added for suppressed findings.</summary>
    public static void WriteFinding(Utf8JsonWriter writer, Finding finding, Suppression? suppression = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(finding);
        writer.WriteStartObject();
        writer.WriteString("fingerprint", finding.Fingerprint.Value);
        writer.WriteString("rule_id", finding.RuleId);
        writer.WriteString("category", finding.Category == FindingCategory.Vulnerability ? "vulnerability" : "suspicious");
        writer.WriteString("title", finding.Title);
        writer.WriteString("reason", finding.Reason);
        writer.WriteString("severity", finding.Severity.Level.ToName());
        if (finding.Severity.Score is { } score)
        {
            writer.WriteNumber("score", score);
        }
        else
        {
            writer.WriteNull("score");
        }

        WriteNullable(writer, "vector", finding.Severity.Vector);
        writer.WriteString("severity_source", finding.Severity.Method);
        WriteStrings(writer, "aliases", finding.Aliases);
        WriteStrings(writer, "fixed_in", finding.FixedIn);
        WriteStrings(writer, "references", finding.Advisory?.References ?? []);
        writer.WritePropertyName("package");
        writer.WriteStartObject();
        writer.WriteString("ecosystem", finding.Package.Ecosystem.ToOsv());
        writer.WriteString("name", finding.Package.Name);
        WriteNullable(writer, "version", finding.Package.Version);
        writer.WriteString("kind", finding.Package.Kind.ToString().ToLowerInvariant());
        writer.WriteString("file", finding.Package.File);
        if (finding.Package.Line is { } line)
        {
            writer.WriteNumber("line", line);
        }
        else
        {
            writer.WriteNull("line");
        }

        writer.WriteEndObject();
        if (suppression is not null)
        {
            writer.WritePropertyName("suppression");
            WriteSuppression(writer, suppression);
        }

        writer.WriteEndObject();
    }

    /// <summary>Writes one suppression entry.</summary>
    public static void WriteSuppression(Utf8JsonWriter writer, Suppression suppression)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(suppression);
        writer.WriteStartObject();
        writer.WriteString("id", suppression.Id);
        WriteNullable(writer, "package", suppression.Package);
        writer.WriteString("reason", suppression.Reason);
        writer.WriteString("owner", suppression.Owner);
        writer.WriteString("expires", suppression.Expires.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        writer.WriteNumber("line", suppression.Line);
        writer.WriteEndObject();
    }

    /// <summary>Formats a time as UTC ISO 8601 with second precision.</summary>
    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Writes a string property, or null.</summary>
    public static void WriteNullable(Utf8JsonWriter writer, string name, string? value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    internal static void WriteStrings(Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var v in values)
        {
            writer.WriteStringValue(v);
        }

        writer.WriteEndArray();
    }

    internal static JsonWriterOptions Indented => new() { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    internal static string Status(ScanResult result) => result.ExitCode switch
    {
        HeimdallExitCode.Clean => "clean",
        HeimdallExitCode.Findings => "findings",
        HeimdallExitCode.PartialCoverage => "partial",
        _ => "error",
    };

    internal static string SeverityOrUnknown(SeverityLevel level) => level.ToName();
}
