using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Detektr.Validation;

/// <summary>Reads and writes <c>detections.jsonl</c>: in a run directory, one line per event a rule matched
/// (<c>{"RunId":…,"RuleId":…,"Title":…,"Level":…,"Tags":[…],"Sequence":N}</c>), ordered by sequence and
/// then by rule. Absent values are left out.</summary>
public static class DetectionsLog
{
    /// <summary>The file name inside a run directory.</summary>
    public const string FileName = "detections.jsonl";

    private static readonly JsonSerializerOptions Options = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes the detections to <paramref name="path"/>, or to <c>detections.jsonl</c> in it when
    /// it is a directory, replacing what was there (atomically).</summary>
    public static void Write(string path, IEnumerable<DetectionRecord> detections)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(detections);
        var file = Directory.Exists(path) ? Path.Combine(path, FileName) : path;
        var temporary = file + ".tmp";
        using (var writer = new StreamWriter(temporary, append: false, new System.Text.UTF8Encoding(false)) { NewLine = "\n" })
        {
            foreach (var detection in detections)
            {
                writer.WriteLine(JsonSerializer.Serialize(detection, Options));
            }
        }

        File.Move(temporary, file, overwrite: true);
    }

    /// <summary>Reads a file, or a run directory's <c>detections.jsonl</c>. Errors name the line.</summary>
    public static IReadOnlyList<DetectionRecord> ReadAll(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var file = Directory.Exists(path) ? Path.Combine(path, FileName) : path;
        var detections = new List<DetectionRecord>();
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
                detections.Add(JsonSerializer.Deserialize<DetectionRecord>(line, Options)
                               ?? throw new FormatException($"line {lineNumber}: empty detection"));
            }
            catch (JsonException ex)
            {
                throw new FormatException($"line {lineNumber}: {ex.Message}", ex);
            }
        }

        return detections;
    }
}
