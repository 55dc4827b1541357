using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Tracehound.Cli.Tests.Operations;

/// <summary>
/// Golden JSON with the values that change from run to run (times, durations, paths, ids that embed a
/// time or a random key) replaced by placeholders; everything else must match byte for byte.
/// </summary>
internal static partial class Golden
{
    private static readonly HashSet<string> Volatile = new(StringComparer.Ordinal)
    {
        "time", "started_at", "uptime_seconds", "intercepts_per_second", "captured_at", "scent_id",
        "data_directory", "source_id", "root_hash", "checkpoint_root_hash", "origin", "version", "source",
    };

    public static string Normalize(string json)
    {
        var node = JsonNode.Parse(json)!;
        Scrub(node);
        return node.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    public static void AssertMatches(string name, string actualJson)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Operations", "TestData", name);
        var actual = Normalize(actualJson);
        if (Environment.GetEnvironmentVariable("TRACEHOUND_UPDATE_GOLDEN") is { Length: > 0 } sourceRoot)
        {
            // Regenerating: write the source copy; review the diff before committing it.
            File.WriteAllText(Path.Combine(sourceRoot, "tests", "Tracehound.Cli.Tests", "Operations", "TestData", name), actual);
            return;
        }

        Assert.Equal(File.ReadAllText(path), actual);
    }

    private static void Scrub(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    if (Volatile.Contains(key) && obj[key] is not null and not JsonObject and not JsonArray)
                    {
                        obj[key] = "<" + key + ">";
                    }
                    else
                    {
                        Scrub(obj[key]);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Scrub(item);
                }

                break;
        }
    }
}
