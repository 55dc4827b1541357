using System.Text.Encodings.Web;
using System.Text.Json;
using Detektr.Diff;

namespace Detektr.Cli.Diff;

/// <summary>The comparison of two runs as one JSON document.</summary>
internal static class DiffJson
{
    public static void Write(Stream output, RunDiffReport report)
    {
        using (var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteBoolean("Identical", report.Identical);
            WriteSide(writer, "A", report.A);
            WriteSide(writer, "B", report.B);
            writer.WriteStartArray("SetupDifferences");
            foreach (var note in report.SetupDifferences)
            {
                writer.WriteStringValue(note);
            }

            writer.WriteEndArray();
            writer.WriteStartArray("Categories");
            foreach (var tally in report.Categories)
            {
                writer.WriteStartObject();
                writer.WriteString("Category", tally.Category.ToWireName());
                writer.WriteNumber("InA", tally.InA);
                writer.WriteNumber("InB", tally.InB);
                writer.WriteNumber("Same", tally.Same);
                writer.WriteNumber("OnlyInA", tally.OnlyInA);
                writer.WriteNumber("OnlyInB", tally.OnlyInB);
                writer.WriteNumber("OutcomeChanged", tally.OutcomeChanged);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteStartArray("Differences");
            foreach (var difference in report.Differences)
            {
                writer.WriteStartObject();
                writer.WriteString("Category", difference.Key.Category.ToWireName());
                writer.WriteString("Behaviour", difference.Key.Description);
                writer.WriteString("Kind", difference.Kind switch
                {
                    DifferenceKind.OnlyInA => "only_in_a",
                    DifferenceKind.OnlyInB => "only_in_b",
                    _ => "outcome_changed",
                });
                WriteObserved(writer, "A", difference.InA);
                WriteObserved(writer, "B", difference.InB);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        output.WriteByte((byte)'\n');
        output.Flush();
    }

    private static void WriteSide(Utf8JsonWriter writer, string name, RunDiffSide side)
    {
        writer.WriteStartObject(name);
        writer.WriteString("RunId", side.RunId);
        writer.WriteString("Directory", side.Directory);
        writer.WriteString("Command", side.Command);
        if (side.ArtifactSha256 is { } hash)
        {
            writer.WriteString("ArtifactSha256", hash);
        }

        writer.WriteString("NetworkMode", side.NetworkMode);
        writer.WriteString("Ended", side.Ended);
        writer.WriteEndObject();
    }

    private static void WriteObserved(Utf8JsonWriter writer, string name, ObservedBehaviour? behaviour)
    {
        if (behaviour is null)
        {
            writer.WriteNull(name);
            return;
        }

        writer.WriteStartObject(name);
        writer.WriteNumber("Count", behaviour.Count);
        writer.WriteStartArray("Outcomes");
        foreach (var outcome in behaviour.Outcomes)
        {
            writer.WriteStringValue(outcome);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
