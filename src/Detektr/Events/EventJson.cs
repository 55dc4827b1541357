using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Detektr.Runs;

namespace Detektr.Events;

/// <summary>Reads and writes single events as the one-line JSON objects of <c>events.jsonl</c>.</summary>
public static class EventJson
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Paths and command lines stay readable; the output is never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    /// <summary>Serializes an event to one line of JSON (without the newline).</summary>
    public static string Serialize(DetektrEvent evt)
    {
        ArgumentNullException.ThrowIfNull(evt);
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(writer, evt);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Writes an event as a JSON object.</summary>
    public static void Write(Utf8JsonWriter writer, DetektrEvent evt)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(evt);
        writer.WriteStartObject();
        foreach (var (name, value) in evt.GetFields())
        {
            writer.WritePropertyName(name);
            WriteValue(writer, value);
        }

        writer.WriteEndObject();
    }

    /// <summary>Parses one line. Throws <see cref="EventFormatException"/> naming the line and the problem.</summary>
    public static DetektrEvent Parse(string line, long lineNumber = 0)
    {
        ArgumentNullException.ThrowIfNull(line);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException ex)
        {
            throw new EventFormatException(lineNumber, $"not valid JSON ({ex.Message})", ex);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new EventFormatException(lineNumber, "an event must be a JSON object");
            }

            return new ObjectReader(document.RootElement, lineNumber).ReadEvent();
        }
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case string s: writer.WriteStringValue(s); break;
            case long l: writer.WriteNumberValue(l); break;
            case int i: writer.WriteNumberValue(i); break;
            case double d: writer.WriteNumberValue(d); break;
            case bool b: writer.WriteBooleanValue(b); break;
            case JsonElement element: element.WriteTo(writer); break;
            case IReadOnlyDictionary<string, string> map:
                writer.WriteStartObject();
                foreach (var (k, v) in map)
                {
                    writer.WriteString(k, v);
                }

                writer.WriteEndObject();
                break;
            default:
                writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }

    /// <summary>Reads the typed fields of one event object and keeps the rest as additional fields.</summary>
    private sealed class ObjectReader(JsonElement root, long lineNumber)
    {
        private readonly HashSet<string> _consumed = new(StringComparer.Ordinal);

        public DetektrEvent ReadEvent()
        {
            var typeName = RequiredString("EventType");
            if (!EventTypeNames.TryParse(typeName, out var type))
            {
                throw new EventFormatException(lineNumber, $"unknown EventType '{typeName}'");
            }

            var runIdText = RequiredString("RunId");
            if (!RunId.TryParse(runIdText, out var runId))
            {
                throw new EventFormatException(lineNumber, $"RunId '{runIdText}' is not a valid run id");
            }

            var sequence = RequiredLong("Sequence");
            if (sequence < 1)
            {
                throw new EventFormatException(lineNumber, $"Sequence must be at least 1, was {sequence}");
            }

            var timeText = RequiredString("UtcTime");
            if (!DateTimeOffset.TryParse(timeText, CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
            {
                throw new EventFormatException(lineNumber, $"UtcTime '{timeText}' is not an ISO 8601 time");
            }

            DetektrEvent evt = type switch
            {
                EventType.ProcessCreation => new ProcessCreationEvent
                {
                    RunId = runId, UtcTime = time,
                    Image = RequiredString("Image"),
                    CommandLine = RequiredString("CommandLine"),
                    ParentImage = OptionalString("ParentImage"),
                    ParentCommandLine = OptionalString("ParentCommandLine"),
                    CurrentDirectory = OptionalString("CurrentDirectory"),
                    User = OptionalString("User"),
                    ProcessId = RequiredLong("ProcessId"),
                    ParentProcessId = OptionalLong("ParentProcessId"),
                },
                EventType.ProcessExit => new ProcessExitEvent
                {
                    RunId = runId, UtcTime = time,
                    Image = RequiredString("Image"),
                    ProcessId = RequiredLong("ProcessId"),
                    ExitCode = OptionalLong("ExitCode"),
                    Signal = OptionalString("Signal"),
                },
                EventType.FileEvent => ReadFileEvent(runId, time),
                EventType.NetworkConnection => ReadNetworkConnection(runId, time),
                EventType.DnsQuery => new DnsQueryEvent
                {
                    RunId = runId, UtcTime = time,
                    QueryName = RequiredString("QueryName"),
                    QueryType = OptionalString("QueryType"),
                    QueryResults = OptionalString("QueryResults"),
                    Image = OptionalString("Image"),
                    ProcessId = OptionalLong("ProcessId"),
                },
                EventType.HttpRequest => new HttpRequestEvent
                {
                    RunId = runId, UtcTime = time,
                    Method = RequiredString("Method"),
                    Host = RequiredString("Host"),
                    Path = RequiredString("Path"),
                    Headers = ReadHeaders(),
                    SourceIp = OptionalString("SourceIp"),
                    SourcePort = OptionalLong("SourcePort"),
                    DestinationIp = OptionalString("DestinationIp"),
                    DestinationPort = OptionalLong("DestinationPort"),
                    Image = OptionalString("Image"),
                    ProcessId = OptionalLong("ProcessId"),
                },
                _ => throw new EventFormatException(lineNumber, $"unknown EventType '{typeName}'"),
            };

            return evt with { Sequence = new EventSequence(sequence), AdditionalFields = Remaining() };
        }

        private FileEvent ReadFileEvent(RunId runId, DateTimeOffset time)
        {
            var operationText = RequiredString("Operation");
            if (!FileEvent.TryParseOperation(operationText, out var operation))
            {
                throw new EventFormatException(lineNumber,
                    $"Operation '{operationText}' is not one of create, write, delete, rename, chmod, chown");
            }

            return new FileEvent
            {
                RunId = runId, UtcTime = time,
                Operation = operation,
                TargetFilename = RequiredString("TargetFilename"),
                SourceFilename = OptionalString("SourceFilename"),
                Image = RequiredString("Image"),
                ProcessId = RequiredLong("ProcessId"),
                Outcome = OptionalString("Outcome") ?? FileEvent.Succeeded,
                Mode = OptionalString("Mode"),
                Owner = OptionalString("Owner"),
            };
        }

        private NetworkConnectionEvent ReadNetworkConnection(RunId runId, DateTimeOffset time)
        {
            var initiated = true;
            if (root.TryGetProperty("Initiated", out var value))
            {
                _consumed.Add("Initiated");
                initiated = value.ValueKind switch
                {
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    JsonValueKind.String when value.GetString() is "true" => true,
                    JsonValueKind.String when value.GetString() is "false" => false,
                    _ => throw new EventFormatException(lineNumber, "Initiated must be \"true\" or \"false\""),
                };
            }

            return new NetworkConnectionEvent
            {
                RunId = runId, UtcTime = time,
                Initiated = initiated,
                Protocol = RequiredString("Protocol"),
                SourceIp = OptionalString("SourceIp"),
                SourcePort = OptionalLong("SourcePort"),
                DestinationIp = RequiredString("DestinationIp"),
                DestinationPort = RequiredLong("DestinationPort"),
                DestinationHostname = OptionalString("DestinationHostname"),
                Outcome = RequiredString("Outcome"),
                Image = RequiredString("Image"),
                ProcessId = RequiredLong("ProcessId"),
            };
        }

        private Dictionary<string, string> ReadHeaders()
        {
            var headers = new Dictionary<string, string>(StringComparer.Ordinal);
            if (!root.TryGetProperty("Headers", out var value))
            {
                throw new EventFormatException(lineNumber, "http_request is missing Headers");
            }

            _consumed.Add("Headers");
            if (value.ValueKind != JsonValueKind.Object)
            {
                throw new EventFormatException(lineNumber, "Headers must be an object of strings");
            }

            foreach (var property in value.EnumerateObject())
            {
                if (property.Value.ValueKind != JsonValueKind.String)
                {
                    throw new EventFormatException(lineNumber, $"header '{property.Name}' must be a string");
                }

                headers[property.Name] = property.Value.GetString()!;
            }

            return headers;
        }

        private string RequiredString(string name) =>
            OptionalString(name) ?? throw new EventFormatException(lineNumber, $"missing required field {name}");

        private string? OptionalString(string name)
        {
            if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                _consumed.Add(name);
                return null;
            }

            _consumed.Add(name);
            return value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : throw new EventFormatException(lineNumber, $"{name} must be a string");
        }

        private long RequiredLong(string name) =>
            OptionalLong(name) ?? throw new EventFormatException(lineNumber, $"missing required field {name}");

        private long? OptionalLong(string name)
        {
            _consumed.Add(name);
            if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number))
            {
                return number;
            }

            throw new EventFormatException(lineNumber, $"{name} must be an integer");
        }

        private Dictionary<string, object?> Remaining()
        {
            var extra = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var property in root.EnumerateObject())
            {
                if (_consumed.Contains(property.Name))
                {
                    continue;
                }

                extra[property.Name] = property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString(),
                    JsonValueKind.Number when property.Value.TryGetInt64(out var l) => l,
                    JsonValueKind.Number => property.Value.GetDouble(),
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    JsonValueKind.Null => null,
                    _ => property.Value.Clone(),
                };
            }

            return extra;
        }
    }
}
