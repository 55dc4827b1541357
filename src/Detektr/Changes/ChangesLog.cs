using Detektr.Runs;

namespace Detektr.Changes;

/// <summary>Reads and writes <c>changes.jsonl</c>, the layer diff of a run.</summary>
public static class ChangesLog
{
    /// <summary>The file name inside a run directory.</summary>
    public const string FileName = "changes.jsonl";

    /// <summary>Writes one change per line to <paramref name="path"/>, or to <c>changes.jsonl</c> in it when it is a directory.</summary>
    public static void Write(string path, IEnumerable<FileChange> changes) =>
        JsonLinesFile.Write(JsonLinesFile.Resolve(path, FileName), changes);

    /// <summary>Reads a file, or a run directory's <c>changes.jsonl</c>. Errors name the line.</summary>
    public static IReadOnlyList<FileChange> ReadAll(string path) =>
        JsonLinesFile.ReadAll<FileChange>(JsonLinesFile.Resolve(path, FileName), "change");
}
