using System.Globalization;
using System.Text.Json;
using Heimdall.Packages;

namespace Heimdall.Advisories;

/// <summary>
/// Reads OSV records (https://ossf.github.io/osv-schema/) into <see cref="Advisory"/> values, keeping the
/// npm and NuGet parts. Malformed records become <see cref="OsvRecordStatus.Invalid"/> results, never
/// exceptions.
/// </summary>
public static class OsvReader
{
    private const int MaxDetailsLength = 2000;
    private const int MaxReferences = 10;

    /// <summary>Reads one record from UTF-8 JSON.</summary>
    public static OsvRecord Read(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
            using var document = JsonDocument.ParseValue(ref reader);
            return Read(document.RootElement);
        }
        catch (JsonException e)
        {
            return new OsvRecord(OsvRecordStatus.Invalid, null, null, "invalid JSON: " + e.Message);
        }
    }

    /// <summary>Reads one record from a parsed JSON object.</summary>
    public static OsvRecord Read(JsonElement record)
    {
        if (record.ValueKind != JsonValueKind.Object)
        {
            return Invalid(null, "an OSV record is a JSON object");
        }

        var id = String(record, "id");
        if (string.IsNullOrWhiteSpace(id))
        {
            return Invalid(null, "the record has no id");
        }

        if (record.TryGetProperty("withdrawn", out var withdrawn) && withdrawn.ValueKind == JsonValueKind.String)
        {
            return new OsvRecord(OsvRecordStatus.Withdrawn, id, null, null);
        }

        if (!record.TryGetProperty("affected", out var affectedArray) || affectedArray.ValueKind != JsonValueKind.Array)
        {
            return affectedArray.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null
                ? new OsvRecord(OsvRecordStatus.OtherEcosystem, id, null, null)
                : Invalid(id, "'affected' is not an array");
        }

        var affected = new List<AffectedPackage>();
        foreach (var entry in affectedArray.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.Object
                || !entry.TryGetProperty("package", out var package) || package.ValueKind != JsonValueKind.Object)
            {
                return Invalid(id, "an 'affected' entry has no package object");
            }

            if (!EcosystemNames.TryParseOsv(String(package, "ecosystem"), out var ecosystem))
            {
                continue;
            }

            var name = String(package, "name");
            if (string.IsNullOrWhiteSpace(name))
            {
                return Invalid(id, "an affected package has no name");
            }

            var ranges = new List<AffectedRange>();
            if (entry.TryGetProperty("ranges", out var rangeArray) && rangeArray.ValueKind == JsonValueKind.Array)
            {
                foreach (var range in rangeArray.EnumerateArray())
                {
                    var parsed = ReadRange(range, out var error);
                    if (parsed is null)
                    {
                        return Invalid(id, error);
                    }

                    ranges.Add(parsed);
                }
            }

            var versions = new List<string>();
            if (entry.TryGetProperty("versions", out var versionArray) && versionArray.ValueKind == JsonValueKind.Array)
            {
                foreach (var v in versionArray.EnumerateArray())
                {
                    if (v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } text)
                    {
                        versions.Add(text);
                    }
                }
            }

            string? packageSeverity = null;
            if (entry.TryGetProperty("database_specific", out var dbSpecific) && dbSpecific.ValueKind == JsonValueKind.Object)
            {
                packageSeverity = String(dbSpecific, "severity");
            }

            affected.Add(new AffectedPackage
            {
                Ecosystem = ecosystem,
                Name = name,
                Ranges = ranges,
                Versions = versions,
                Severity = packageSeverity,
            });
        }

        if (affected.Count == 0)
        {
            return new OsvRecord(OsvRecordStatus.OtherEcosystem, id, null, null);
        }

        var details = String(record, "details");
        if (details is { Length: > MaxDetailsLength })
        {
            details = details[..MaxDetailsLength] + "…";
        }

        var advisory = new Advisory
        {
            Id = id,
            Aliases = StringArray(record, "aliases"),
            Summary = String(record, "summary"),
            Details = details,
            Modified = Time(record, "modified"),
            Published = Time(record, "published"),
            Severity = RateSeverity(record),
            Affected = affected,
            References = References(record),
        };
        return new OsvRecord(OsvRecordStatus.Accepted, id, advisory, null);
    }

    /// <summary>
    /// Rates an OSV record: a CVSS v3 vector's computed base score first, then the database's own
    /// severity (GHSA <c>database_specific.severity</c>), then a CVSS v2 score. CVSS v4 vectors are kept
    /// for reports but not scored.
    /// </summary>
    public static SeverityRating RateSeverity(JsonElement record)
    {
        string? v3 = null;
        string? v2 = null;
        string? v4 = null;
        if (record.TryGetProperty("severity", out var severities) && severities.ValueKind == JsonValueKind.Array)
        {
            foreach (var s in severities.EnumerateArray())
            {
                var type = String(s, "type");
                var score = String(s, "score");
                switch (type)
                {
                    case "CVSS_V3":
                        v3 ??= score;
                        break;
                    case "CVSS_V2":
                        v2 ??= score;
                        break;
                    case "CVSS_V4":
                        v4 ??= score;
                        break;
                }
            }
        }

        if (v3 is not null && CvssScore.TryComputeV3(v3, out var v3Score))
        {
            return new SeverityRating(SeverityLevels.FromCvssScore(v3Score), v3Score, v3, v3.StartsWith("CVSS:3.1", StringComparison.Ordinal) ? "CVSSv31" : "CVSSv3");
        }

        string? database = null;
        if (record.TryGetProperty("database_specific", out var db) && db.ValueKind == JsonValueKind.Object)
        {
            database = String(db, "severity");
        }

        if (SeverityLevels.TryParse(database, out var level))
        {
            return new SeverityRating(level, null, v4 ?? v3 ?? v2, "database");
        }

        if (v2 is not null && CvssScore.TryComputeV2(v2, out var v2Score))
        {
            return new SeverityRating(CvssScore.RateV2(v2Score), v2Score, v2, "CVSSv2");
        }

        return v4 is null ? SeverityRating.None : new SeverityRating(SeverityLevel.Unknown, null, v4, "CVSSv4");
    }

    private static AffectedRange? ReadRange(JsonElement range, out string error)
    {
        error = "";
        if (range.ValueKind != JsonValueKind.Object)
        {
            error = "a range is not an object";
            return null;
        }

        var typeText = String(range, "type");
        RangeType type;
        switch (typeText)
        {
            case "ECOSYSTEM":
                type = RangeType.Ecosystem;
                break;
            case "SEMVER":
                type = RangeType.Semver;
                break;
            case "GIT":
                type = RangeType.Git;
                break;
            default:
                error = $"unknown range type '{typeText}'";
                return null;
        }

        if (!range.TryGetProperty("events", out var events) || events.ValueKind != JsonValueKind.Array)
        {
            error = "a range has no events";
            return null;
        }

        var list = new List<RangeEvent>();
        foreach (var e in events.EnumerateArray())
        {
            if (e.ValueKind != JsonValueKind.Object)
            {
                error = "a range event is not an object";
                return null;
            }

            RangeEvent? parsed = null;
            foreach (var property in e.EnumerateObject())
            {
                if (property.Value.ValueKind != JsonValueKind.String)
                {
                    continue;
                }

                var kind = property.Name switch
                {
                    "introduced" => RangeEventKind.Introduced,
                    "fixed" => RangeEventKind.Fixed,
                    "last_affected" => RangeEventKind.LastAffected,
                    "limit" => RangeEventKind.Limit,
                    _ => (RangeEventKind?)null,
                };
                if (kind is null)
                {
                    continue;
                }

                if (parsed is not null)
                {
                    error = "a range event names more than one of introduced, fixed, last_affected, limit";
                    return null;
                }

                parsed = new RangeEvent(kind.Value, property.Value.GetString()!);
            }

            if (parsed is null)
            {
                error = "a range event has none of introduced, fixed, last_affected, limit";
                return null;
            }

            list.Add(parsed);
        }

        return new AffectedRange(type, list);
    }

    private static OsvRecord Invalid(string? id, string error) => new(OsvRecordStatus.Invalid, id, null, error);

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static DateTimeOffset? Time(JsonElement element, string name) =>
        DateTimeOffset.TryParse(String(element, name), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : null;

    private static List<string> StringArray(JsonElement element, string name)
    {
        var list = new List<string>();
        if (element.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in array.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String && item.GetString() is { Length: > 0 } s)
                {
                    list.Add(s);
                }
            }
        }

        return list;
    }

    private static List<string> References(JsonElement element)
    {
        var list = new List<string>();
        if (element.TryGetProperty("references", out var array) && array.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in array.EnumerateArray())
            {
                if (String(item, "url") is { Length: > 0 } url && list.Count < MaxReferences)
                {
                    list.Add(url);
                }
            }
        }

        return list;
    }
}
