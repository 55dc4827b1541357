using System.Text.Json;

namespace Heimdall.Policy;

/// <summary>
/// The findings of an earlier scan, read from its JSON report, so that a pull request reports only what
/// it introduces.
/// </summary>
public sealed class Baseline
{
    private readonly HashSet<string> _fingerprints;

    private Baseline(HashSet<string> fingerprints)
    {
        _fingerprints = fingerprints;
    }

    /// <summary>The number of findings in the baseline.</summary>
    public int Count => _fingerprints.Count;

    /// <summary>True when the earlier scan had a finding with this fingerprint.</summary>
    public bool Contains(string fingerprint) => _fingerprints.Contains(fingerprint);

    /// <summary>Reads a Heimdall JSON report (any schema version 1 report).</summary>
    /// <exception cref="FormatException">The text is not a Heimdall JSON report.</exception>
    public static Baseline Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("schema", out var schema) || schema.GetString() != Reports.JsonReportWriter.SchemaName)
            {
                throw new FormatException("the baseline is not a Heimdall JSON report (heimdall scan --format json)");
            }

            var fingerprints = new HashSet<string>(StringComparer.Ordinal);
            foreach (var section in (string[])["vulnerabilities", "suspicious", "suppressed", "baselined"])
            {
                if (root.TryGetProperty(section, out var list) && list.ValueKind == JsonValueKind.Array)
                {
                    foreach (var finding in list.EnumerateArray())
                    {
                        if (finding.TryGetProperty("fingerprint", out var fp) && fp.GetString() is { } value)
                        {
                            fingerprints.Add(value);
                        }
                    }
                }
            }

            return new Baseline(fingerprints);
        }
        catch (JsonException e)
        {
            throw new FormatException("the baseline is not valid JSON: " + e.Message, e);
        }
        catch (InvalidOperationException e)
        {
            throw new FormatException("the baseline is not a Heimdall JSON report: " + e.Message, e);
        }
    }
}
