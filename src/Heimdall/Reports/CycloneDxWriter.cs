using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Heimdall.Advisories;
using Heimdall.Matching;
using Heimdall.Packages;

namespace Heimdall.Reports;

/// <summary>
/// Writes a CycloneDX 1.6 JSON SBOM: one component per distinct package URL, dependency edges where the
/// lockfile records them, and a <c>vulnerabilities</c> entry per advisory with its ratings and the
/// components it affects. Suspicious traits are component properties.
/// </summary>
public static class CycloneDxWriter
{
    /// <summary>Writes the SBOM.</summary>
    public static void Write(Stream output, ScanResult result, ReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(options);
        var components = new SortedDictionary<string, List<PackageOccurrence>>(StringComparer.Ordinal);
        foreach (var package in result.Inventory.Packages)
        {
            var reference = BomRef(package);
            if (!components.TryGetValue(reference, out var list))
            {
                list = [];
                components[reference] = list;
            }

            list.Add(package);
        }

        var suspicious = result.Suspicious.GroupBy(f => BomRef(f.Package)).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        using var writer = new Utf8JsonWriter(output, JsonParts.Indented);
        writer.WriteStartObject();
        writer.WriteString("$schema", "http://cyclonedx.org/schema/bom-1.6.schema.json");
        writer.WriteString("bomFormat", "CycloneDX");
        writer.WriteString("specVersion", "1.6");
        writer.WriteString("serialNumber", SerialNumber(result));
        writer.WriteNumber("version", 1);
        writer.WritePropertyName("metadata");
        writer.WriteStartObject();
        writer.WriteString("timestamp", JsonParts.Time(result.GeneratedAt));
        writer.WritePropertyName("tools");
        writer.WriteStartObject();
        writer.WriteStartArray("components");
        writer.WriteStartObject();
        writer.WriteString("type", "application");
        writer.WriteString("name", ToolInfo.Name);
        writer.WriteString("version", options.ToolVersion);
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WritePropertyName("component");
        writer.WriteStartObject();
        writer.WriteString("type", "application");
        writer.WriteString("bom-ref", "root");
        writer.WriteString("name", options.RootLabel ?? Path.GetFileName(result.Inventory.Root.TrimEnd('/')));
        writer.WriteEndObject();
        writer.WriteEndObject();

        writer.WriteStartArray("components");
        foreach (var (reference, occurrences) in components)
        {
            var package = occurrences[0];
            writer.WriteStartObject();
            writer.WriteString("type", "library");
            writer.WriteString("bom-ref", reference);
            var (group, name) = SplitScope(package);
            if (group is not null)
            {
                writer.WriteString("group", group);
            }

            writer.WriteString("name", name);
            if (package.Version is not null)
            {
                writer.WriteString("version", package.Version);
            }

            if ((package.Groups & DependencyGroups.Optional) != 0)
            {
                writer.WriteString("scope", "optional");
            }

            var hashes = occurrences.Select(o => Hash(o.Integrity)).Where(h => h is not null).Distinct().ToList();
            if (hashes.Count > 0)
            {
                writer.WriteStartArray("hashes");
                foreach (var (alg, content) in hashes.Select(h => h!.Value))
                {
                    writer.WriteStartObject();
                    writer.WriteString("alg", alg);
                    writer.WriteString("content", content);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            writer.WriteString("purl", Purl(package));
            writer.WriteStartArray("properties");
            foreach (var file in occurrences.Select(o => o.File).Distinct(StringComparer.Ordinal))
            {
                Property(writer, "heimdall:file", file);
            }

            Property(writer, "heimdall:kind", package.Kind.ToString().ToLowerInvariant());
            Property(writer, "heimdall:source", package.Source.ToString().ToLowerInvariant());
            foreach (var g in package.Groups.ToNames())
            {
                Property(writer, "heimdall:group", g);
            }

            if (suspicious.TryGetValue(reference, out var traits))
            {
                foreach (var trait in traits.DistinctBy(t => t.RuleId))
                {
                    Property(writer, "heimdall:suspicious", $"{trait.RuleId}: {trait.Reason}");
                }
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();

        writer.WriteStartArray("dependencies");
        var byName = components.Keys.GroupBy(k => NameOf(components[k][0])).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        writer.WriteStartObject();
        writer.WriteString("ref", "root");
        writer.WriteStartArray("dependsOn");
        foreach (var reference in components.Where(c => c.Value.Any(o => o.Kind == DependencyKind.Direct)).Select(c => c.Key))
        {
            writer.WriteStringValue(reference);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        foreach (var (reference, occurrences) in components)
        {
            // Lockfiles name dependencies without versions; an edge is written when the name is unambiguous.
            var targets = occurrences.SelectMany(o => o.Dependencies)
                .Distinct(StringComparer.Ordinal)
                .Select(d => byName.TryGetValue(occurrences[0].Ecosystem.ToPurlType() + ":" + occurrences[0].Ecosystem.NormalizeName(d), out var refs) && refs.Count == 1 ? refs[0] : null)
                .Where(r => r is not null && r != reference)
                .Distinct(StringComparer.Ordinal)
                .ToList();
            writer.WriteStartObject();
            writer.WriteString("ref", reference);
            writer.WriteStartArray("dependsOn");
            foreach (var target in targets)
            {
                writer.WriteStringValue(target);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();

        writer.WriteStartArray("vulnerabilities");
        var advisoryFindings = result.Findings.Where(f => f.Advisory is not null).GroupBy(f => f.RuleId, StringComparer.Ordinal);
        foreach (var group in advisoryFindings)
        {
            var advisory = group.First().Advisory!;
            var rating = group.First().Severity;
            writer.WriteStartObject();
            writer.WriteString("bom-ref", "vulnerability:" + advisory.Id);
            writer.WriteString("id", advisory.Id);
            writer.WritePropertyName("source");
            writer.WriteStartObject();
            writer.WriteString("name", advisory.Id.StartsWith("GHSA-", StringComparison.Ordinal) ? "GitHub Advisory Database" : "OSV");
            writer.WriteString("url", "https://osv.dev/vulnerability/" + Uri.EscapeDataString(advisory.Id));
            writer.WriteEndObject();
            if (advisory.Aliases.Count > 0)
            {
                writer.WriteStartArray("references");
                foreach (var alias in advisory.Aliases)
                {
                    writer.WriteStartObject();
                    writer.WriteString("id", alias);
                    writer.WritePropertyName("source");
                    writer.WriteStartObject();
                    writer.WriteString("name", alias.StartsWith("CVE-", StringComparison.Ordinal) ? "NVD" : "OSV");
                    writer.WriteEndObject();
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            writer.WriteStartArray("ratings");
            writer.WriteStartObject();
            if (rating.Score is { } score)
            {
                writer.WriteNumber("score", score);
            }

            writer.WriteString("severity", rating.Level.ToName());
            writer.WriteString("method", rating.Method switch
            {
                "CVSSv31" => "CVSSv31",
                "CVSSv3" => "CVSSv3",
                "CVSSv2" => "CVSSv2",
                "CVSSv4" => "CVSSv4",
                _ => "other",
            });
            if (rating.Vector is not null && rating.Method.StartsWith("CVSS", StringComparison.Ordinal))
            {
                writer.WriteString("vector", rating.Vector);
            }

            writer.WriteEndObject();
            writer.WriteEndArray();
            if (advisory.Summary is not null)
            {
                writer.WriteString("description", advisory.Summary);
            }

            if (advisory.Details is not null)
            {
                writer.WriteString("detail", advisory.Details);
            }

            var fixes = group.SelectMany(f => f.FixedIn).Distinct(StringComparer.Ordinal).ToList();
            if (fixes.Count > 0)
            {
                writer.WriteString("recommendation", "Upgrade to " + string.Join(" or ", fixes));
            }

            if (advisory.Published is { } published)
            {
                writer.WriteString("published", JsonParts.Time(published));
            }

            if (advisory.Modified is { } modified)
            {
                writer.WriteString("updated", JsonParts.Time(modified));
            }

            writer.WriteStartArray("affects");
            foreach (var reference in group.Select(f => BomRef(f.Package)).Distinct(StringComparer.Ordinal))
            {
                writer.WriteStartObject();
                writer.WriteString("ref", reference);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>The package URL of an occurrence (<c>pkg:npm/%40scope/name@1.0.0</c>, <c>pkg:nuget/Id@1.0.0</c>).</summary>
    public static string Purl(PackageOccurrence package)
    {
        ArgumentNullException.ThrowIfNull(package);
        var (group, name) = SplitScope(package);
        var path = group is null ? Uri.EscapeDataString(name) : Uri.EscapeDataString(group) + "/" + Uri.EscapeDataString(name);
        var purl = "pkg:" + package.Ecosystem.ToPurlType() + "/" + path;
        return package.Version is null ? purl : purl + "@" + Uri.EscapeDataString(package.Version);
    }

    private static string BomRef(PackageOccurrence package) =>
        package.Version is null ? Purl(package) + "#" + package.Source.ToString().ToLowerInvariant() + ":" + (package.Resolved ?? package.File) : Purl(package);

    private static string NameOf(PackageOccurrence package) => package.Ecosystem.ToPurlType() + ":" + package.Ecosystem.NormalizeName(package.Name);

    private static (string? Group, string Name) SplitScope(PackageOccurrence package)
    {
        if (package.Ecosystem == Ecosystem.Npm && package.Name.StartsWith('@'))
        {
            var slash = package.Name.IndexOf('/', StringComparison.Ordinal);
            if (slash > 0)
            {
                return (package.Name[..slash], package.Name[(slash + 1)..]);
            }
        }

        return (null, package.Name);
    }

    // npm integrity is "<alg>-<base64>"; NuGet's contentHash is a bare base64 SHA-512.
    private static (string Alg, string Content)? Hash(string? integrity)
    {
        if (string.IsNullOrEmpty(integrity))
        {
            return null;
        }

        var first = integrity.Split(' ')[0];
        var dash = first.IndexOf('-', StringComparison.Ordinal);
        var (alg, base64) = dash > 0 ? (first[..dash], first[(dash + 1)..]) : ("sha512", first);
        var cyclone = alg switch { "sha512" => "SHA-512", "sha384" => "SHA-384", "sha256" => "SHA-256", "sha1" => "SHA-1", _ => null };
        if (cyclone is null)
        {
            return null;
        }

        try
        {
            var bytes = Convert.FromBase64String(base64);
            var expected = cyclone switch { "SHA-512" => 64, "SHA-384" => 48, "SHA-256" => 32, _ => 20 };
            return bytes.Length == expected ? (cyclone, Convert.ToHexStringLower(bytes)) : null;
        }
        catch (FormatException)
        {
            // yarn berry checksums are hex with a cache-key prefix, not SRI hashes.
            return null;
        }
    }

    private static void Property(Utf8JsonWriter writer, string name, string value)
    {
        writer.WriteStartObject();
        writer.WriteString("name", name);
        writer.WriteString("value", value);
        writer.WriteEndObject();
    }

    // A serial number derived from the result and its time: stable for golden files, distinct per scan.
    private static string SerialNumber(ScanResult result)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(result.ResultDigest + "|" + JsonParts.Time(result.GeneratedAt)));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        var hex = Convert.ToHexStringLower(hash.AsSpan(0, 16));
        return $"urn:uuid:{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..32]}";
    }
}
