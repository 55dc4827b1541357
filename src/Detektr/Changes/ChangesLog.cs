using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Detektr.Changes;

/// <summary>Reads and writes <c>changes.jsonl</c>, the layer diff of a run.</summary>
public static class ChangesLog
{
    /// <summary>The file name inside a run directory.</summary>
    public const string FileName = "changes.jsonl";

    private static readonly JsonSerializerOptions Options = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes one change per line.</summary>
    public static void Write(string path, IEnumerable<FileChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        using var writer = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false)) { NewLine = "\n" };
        foreach (var change in changes)
        {
            writer.WriteLine(JsonSerializer.Serialize(change, Options));
        }
    }

    /// <summary>Reads a file, or a run directory's <c>changes.jsonl</c>.</summary>
    public static IReadOnlyList<FileChange> ReadAll(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var file = Directory.Exists(path) ? Path.Combine(path, FileName) : path;
        var changes = new List<FileChange>();
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
                changes.Add(JsonSerializer.Deserialize<FileChange>(line, Options)
                            ?? throw new FormatException($"line {lineNumber}: empty change"));
            }
            catch (JsonException ex)
            {
                throw new FormatException($"line {lineNumber}: {ex.Message}", ex);
            }
        }

        return changes;
    }
}
