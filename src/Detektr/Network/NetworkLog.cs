using Detektr.Runs;

namespace Detektr.Network;

/// <summary>Reads and writes <c>network.jsonl</c>.</summary>
public static class NetworkLog
{
    /// <summary>The file name inside a run directory.</summary>
    public const string FileName = "network.jsonl";

    /// <summary>Writes every record, one per line, to <paramref name="path"/>, or to <c>network.jsonl</c> in it when it is a directory.</summary>
    public static void Write(string path, IEnumerable<NetworkRecord> records) =>
        JsonLinesFile.Write(JsonLinesFile.Resolve(path, FileName), records);

    /// <summary>Reads every record of a file, or of a run directory's <c>network.jsonl</c>. Errors name the line.</summary>
    public static IReadOnlyList<NetworkRecord> ReadAll(string path) =>
        JsonLinesFile.ReadAll<NetworkRecord>(JsonLinesFile.Resolve(path, FileName), "record");
}
