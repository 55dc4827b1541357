namespace Detektr.Events;

/// <summary>Maps <see cref="EventType"/> to and from the snake_case names used on the wire.</summary>
public static class EventTypeNames
{
    /// <summary>Wire name of <see cref="EventType.ProcessCreation"/>.</summary>
    public const string ProcessCreation = "process_creation";

    /// <summary>Wire name of <see cref="EventType.ProcessExit"/>.</summary>
    public const string ProcessExit = "process_exit";

    /// <summary>Wire name of <see cref="EventType.FileEvent"/>.</summary>
    public const string FileEvent = "file_event";

    /// <summary>Wire name of <see cref="EventType.NetworkConnection"/>.</summary>
    public const string NetworkConnection = "network_connection";

    /// <summary>Wire name of <see cref="EventType.DnsQuery"/>.</summary>
    public const string DnsQuery = "dns_query";

    /// <summary>Wire name of <see cref="EventType.HttpRequest"/>.</summary>
    public const string HttpRequest = "http_request";

    /// <summary>Returns the wire name of <paramref name="type"/>.</summary>
    public static string ToWireName(this EventType type) => type switch
    {
        EventType.ProcessCreation => ProcessCreation,
        EventType.ProcessExit => ProcessExit,
        EventType.FileEvent => FileEvent,
        EventType.NetworkConnection => NetworkConnection,
        EventType.DnsQuery => DnsQuery,
        EventType.HttpRequest => HttpRequest,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown event type"),
    };

    /// <summary>Parses a wire name; matching is exact (the names are lower case).</summary>
    public static bool TryParse(string? name, out EventType type)
    {
        switch (name)
        {
            case ProcessCreation: type = EventType.ProcessCreation; return true;
            case ProcessExit: type = EventType.ProcessExit; return true;
            case FileEvent: type = EventType.FileEvent; return true;
            case NetworkConnection: type = EventType.NetworkConnection; return true;
            case DnsQuery: type = EventType.DnsQuery; return true;
            case HttpRequest: type = EventType.HttpRequest; return true;
            default: type = default; return false;
        }
    }
}
