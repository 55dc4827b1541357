namespace Detektr.Events;

/// <summary>Loads <c>events.jsonl</c> files: one event per line, blank lines ignored. Errors name the line.</summary>
public static class EventsReader
{
    /// <summary>The file name of a run directory's event log.</summary>
    public const string FileName = "events.jsonl";

    /// <summary>Reads every event of a file, or of a run directory's <c>events.jsonl</c> when
    /// <paramref name="path"/> is a directory.</summary>
    public static IReadOnlyList<DetektrEvent> ReadAll(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var file = Directory.Exists(path) ? Path.Combine(path, FileName) : path;
        using var reader = new StreamReader(file, System.Text.Encoding.UTF8);
        return Read(reader).ToList();
    }

    /// <summary>Reads events lazily from a text reader.</summary>
    public static IEnumerable<DetektrEvent> Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        long lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            yield return EventJson.Parse(line, lineNumber);
        }
    }
}
