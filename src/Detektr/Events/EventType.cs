namespace Detektr.Events;

/// <summary>The kind of a telemetry event. The wire name (<see cref="EventTypeNames"/>) is what
/// <c>events.jsonl</c> carries in its <c>EventType</c> field.</summary>
public enum EventType
{
    /// <summary>A successful <c>execve</c>: a new image started (<c>process_creation</c>).</summary>
    ProcessCreation,

    /// <summary>A process ended, by exit or by signal (<c>process_exit</c>).</summary>
    ProcessExit,

    /// <summary>A file was created, written, deleted, renamed, chmod-ed or chown-ed (<c>file_event</c>).</summary>
    FileEvent,

    /// <summary>An outgoing connection attempt or datagram destination (<c>network_connection</c>).</summary>
    NetworkConnection,

    /// <summary>A DNS question sent by the sandbox (<c>dns_query</c>).</summary>
    DnsQuery,

    /// <summary>An HTTP request received by the sinkhole (<c>http_request</c>).</summary>
    HttpRequest,
}
