using System.Collections.Immutable;
using Detektr.Sigma.Rules;

namespace Detektr.Sigma.Logsources;

/// <summary>
/// The table that maps Sigma log sources to Detektr event types. <see cref="Default"/> covers the
/// Linux categories Detektr records; <see cref="With"/> adds rows (for example <c>file_create</c>
/// as <c>file_event</c> with <c>Operation = create</c>). The first row that covers a rule wins.
/// </summary>
public sealed class SigmaLogsourceMap
{
    private static readonly string[] CommonFields = ["RunId", "Sequence", "EventType", "UtcTime"];
    private static readonly string[] ProcessFields =
        ["Image", "CommandLine", "ParentImage", "ParentCommandLine", "CurrentDirectory", "User", "ProcessId", "ParentProcessId"];

    private SigmaLogsourceMap(ImmutableArray<SigmaLogsourceMapping> mappings) => Mappings = mappings;

    /// <summary>
    /// Product <c>linux</c> with categories <c>process_creation</c>, <c>file_event</c> (any operation),
    /// <c>file_delete</c> (<c>Operation = delete</c>), <c>network_connection</c> and <c>dns_query</c>.
    /// </summary>
    public static SigmaLogsourceMap Default { get; } = new([
        new("linux", "process_creation", null, "process_creation") { KnownFields = Fields(ProcessFields) },
        new("linux", "file_event", null, "file_event") { KnownFields = Fields(FileFields) },
        new("linux", "file_delete", null, "file_event")
        {
            FieldConditions = new Dictionary<string, string>(StringComparer.Ordinal) { ["Operation"] = "delete" },
            KnownFields = Fields(FileFields),
        },
        new("linux", "network_connection", null, "network_connection")
        {
            KnownFields = Fields(["Initiated", "Protocol", "SourceIp", "SourcePort", "DestinationIp", "DestinationPort",
                "DestinationHostname", "Outcome", "Image", "ProcessId", "User"]),
        },
        new("linux", "dns_query", null, "dns_query") { KnownFields = Fields(["QueryName", "QueryResults", "Image", "ProcessId", "User"]) },
    ]);

    /// <summary>An empty table (every rule is unmapped until rows are added).</summary>
    public static SigmaLogsourceMap Empty { get; } = new([]);

    /// <summary>The rows, in the order they are tried.</summary>
    public ImmutableArray<SigmaLogsourceMapping> Mappings { get; }

    private static string[] FileFields => ["Operation", "TargetFilename", "SourceFilename", "Image", "ProcessId", "User"];

    /// <summary>A new table with <paramref name="mappings"/> tried before the existing rows.</summary>
    public SigmaLogsourceMap With(params SigmaLogsourceMapping[] mappings)
    {
        ArgumentNullException.ThrowIfNull(mappings);
        return new SigmaLogsourceMap([.. mappings, .. Mappings]);
    }

    /// <summary>Finds the row for a rule's log source; null when none covers it.</summary>
    public SigmaLogsourceMapping? Find(SigmaLogsource logsource)
    {
        foreach (SigmaLogsourceMapping mapping in Mappings)
        {
            if (mapping.Covers(logsource))
            {
                return mapping;
            }
        }

        return null;
    }

    private static HashSet<string> Fields(string[] specific) => new([.. CommonFields, .. specific], StringComparer.Ordinal);
}
