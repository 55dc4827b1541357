namespace Detektr.Runs;

/// <summary>Counts of what a run did.</summary>
public sealed record RunCounts
{
    /// <summary>Lines of events.jsonl.</summary>
    public required long Events { get; init; }

    /// <summary>process_creation events.</summary>
    public required int ProcessesCreated { get; init; }

    /// <summary>file_event events.</summary>
    public required int FileEvents { get; init; }

    /// <summary>Distinct paths created or written.</summary>
    public required int FilesWritten { get; init; }

    /// <summary>Entries of the layer diff.</summary>
    public required int FileChanges { get; init; }

    /// <summary>network_connection events.</summary>
    public required int NetworkConnections { get; init; }

    /// <summary>dns_query events.</summary>
    public required int DnsQueries { get; init; }

    /// <summary>http_request events.</summary>
    public required int HttpRequests { get; init; }

    /// <summary>Lines of network.jsonl.</summary>
    public required int NetworkRecords { get; init; }

    /// <summary>Persistence findings.</summary>
    public required int PersistenceFindings { get; init; }

    /// <summary>Refused system call attempts.</summary>
    public required int BlockedSyscalls { get; init; }
}
