using Detektr.Runs;

namespace Detektr.Validation;

/// <summary>Reads and writes <c>detections.jsonl</c>: in a run directory, one line per event a rule matched
/// (<c>{"RunId":…,"RuleId":…,"Title":…,"Level":…,"Tags":[…],"Sequence":N}</c>), ordered by sequence and
/// then by rule. Absent values are left out.</summary>
public static class DetectionsLog
{
    /// <summary>The file name inside a run directory.</summary>
    public const string FileName = "detections.jsonl";

    /// <summary>Writes the detections to <paramref name="path"/>, or to <c>detections.jsonl</c> in it when
    /// it is a directory, replacing what was there (atomically).</summary>
    public static void Write(string path, IEnumerable<DetectionRecord> detections) =>
        JsonLinesFile.Write(JsonLinesFile.Resolve(path, FileName), detections);

    /// <summary>Reads a file, or a run directory's <c>detections.jsonl</c>. Errors name the line.</summary>
    public static IReadOnlyList<DetectionRecord> ReadAll(string path) =>
        JsonLinesFile.ReadAll<DetectionRecord>(JsonLinesFile.Resolve(path, FileName), "detection");
}
