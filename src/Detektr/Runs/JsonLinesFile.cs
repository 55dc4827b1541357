using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Detektr.Runs;

/// <summary>
/// The JSON Lines files of a run directory (<c>changes.jsonl</c>, <c>network.jsonl</c>,
/// <c>detections.jsonl</c>): one compact object per line, absent values left out, written atomically;
/// reading skips blank lines and names the line that does not parse.
/// </summary>
internal static class JsonLinesFile
{
    private static readonly JsonSerializerOptions Options = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary><paramref name="path"/> itself, or <paramref name="fileName"/> in it when it is a directory.</summary>
    public static string Resolve(string path, string fileName)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Directory.Exists(path) ? Path.Combine(path, fileName) : path;
    }

    /// <summary>Replaces <paramref name="file"/> with one line per item; a reader never sees half a file.</summary>
    public static void Write<T>(string file, IEnumerable<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var temporary = file + ".tmp";
        using (var writer = new StreamWriter(temporary, append: false, new System.Text.UTF8Encoding(false)) { NewLine = "\n" })
        {
            foreach (var item in items)
            {
                writer.WriteLine(JsonSerializer.Serialize(item, Options));
            }
        }

        File.Move(temporary, file, overwrite: true);
    }

    /// <summary>Reads every line of <paramref name="file"/>; <paramref name="what"/> names an item in errors.</summary>
    /// <exception cref="FormatException">A line is not a <typeparamref name="T"/>; the message gives its number.</exception>
    public static List<T> ReadAll<T>(string file, string what)
    {
        var items = new List<T>();
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
                items.Add(JsonSerializer.Deserialize<T>(line, Options) ?? throw new FormatException($"line {lineNumber}: empty {what}"));
            }
            catch (JsonException ex)
            {
                throw new FormatException($"line {lineNumber}: {ex.Message}", ex);
            }
        }

        return items;
    }
}
