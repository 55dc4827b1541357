using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Detektr.Network;

/// <summary>Reads and writes <c>network.jsonl</c>.</summary>
public static class NetworkLog
{
    /// <summary>The file name inside a run directory.</summary>
    public const string FileName = "network.jsonl";

    private static readonly JsonSerializerOptions Options = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    /// <summary>Writes every record, one per line.</summary>
    public static void Write(string path, IEnumerable<NetworkRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        using var writer = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false)) { NewLine = "\n" };
        foreach (var record in records)
        {
            writer.WriteLine(JsonSerializer.Serialize(record, Options));
        }
    }

    /// <summary>Reads every record of a file, or of a run directory's <c>network.jsonl</c>.</summary>
    public static IReadOnlyList<NetworkRecord> ReadAll(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var file = Directory.Exists(path) ? System.IO.Path.Combine(path, FileName) : path;
        var records = new List<NetworkRecord>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(file))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                records.Add(JsonSerializer.Deserialize<NetworkRecord>(line, Options)
                            ?? throw new FormatException($"line {lineNumber}: empty record"));
            }
            catch (JsonException ex)
            {
                throw new FormatException($"line {lineNumber}: {ex.Message}", ex);
            }
        }

        return records;
    }
}
