using Detektr.Events;
using Detektr.Runs;
using FsCheck;
using FsCheck.Fluent;

namespace Detektr.Tests.Events;

public sealed class EventJsonTests
{
    private static readonly RunId Run = new("20250101T000000Z-0badc0de");
    private static readonly DateTimeOffset Time = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private static Gen<string> Text => ArbMap.Default.GeneratorFor<NonNull<string>>().Select(s => s.Get);

    private static Gen<DetektrEvent> Events =>
        Gen.OneOf(
            (from image in Text
             from commandLine in Text
             from pid in ArbMap.Default.GeneratorFor<long>()
             select (DetektrEvent)new ProcessCreationEvent
             {
                 RunId = Run, UtcTime = Time, Image = image, CommandLine = commandLine, ProcessId = pid,
                 ParentImage = image + "/parent", ParentProcessId = 1, User = "root", CurrentDirectory = "/tmp",
             }),
            Gen.Zip(Text, ArbMap.Default.GeneratorFor<int>()).Select(t => (DetektrEvent)new ProcessExitEvent
            {
                RunId = Run, UtcTime = Time, Image = t.Item1, ProcessId = 7, ExitCode = t.Item2,
            }),
            (from operation in Gen.Elements(Enum.GetValues<FileOperation>())
             from target in Text
             from source in Text
             select (DetektrEvent)new FileEvent
             {
                 RunId = Run, UtcTime = Time, Operation = operation, TargetFilename = target,
                 SourceFilename = operation == FileOperation.Rename ? source : null, Image = "/bin/sh", ProcessId = 2,
             }),
            (from host in Text
             from port in Gen.Choose(0, 65535)
             from initiated in Gen.Elements(true, false)
             select (DetektrEvent)new NetworkConnectionEvent
             {
                 RunId = Run, UtcTime = Time, Initiated = initiated, Protocol = "tcp", DestinationIp = "203.0.113.1",
                 DestinationPort = port, DestinationHostname = host, Outcome = "success", Image = "/bin/nc", ProcessId = 3,
             }),
            Text.Select(name => (DetektrEvent)new DnsQueryEvent { RunId = Run, UtcTime = Time, QueryName = name, QueryType = "A" }),
            Gen.Zip(Text, Text).Select(t => (DetektrEvent)new HttpRequestEvent
            {
                RunId = Run, UtcTime = Time, Method = "GET", Host = t.Item1, Path = t.Item2,
                Headers = new Dictionary<string, string>(StringComparer.Ordinal) { ["User-Agent"] = t.Item2 },
            }));

    [FsCheck.Xunit.Property]
    public Property Every_event_survives_a_round_trip_through_its_json_line() =>
        Prop.ForAll(Events.ToArbitrary(), evt =>
        {
            var numbered = evt with { Sequence = new EventSequence(42) };
            var line = EventJson.Serialize(numbered);
            var back = EventJson.Parse(line);
            return !line.Contains('\n', StringComparison.Ordinal) && EventJson.Serialize(back) == line &&
                   back.EventType == evt.EventType && back.Sequence.Value == 42;
        });

    [Fact]
    public void Fields_follow_the_agreed_names_and_order()
    {
        var line = EventJson.Serialize(new FileEvent
        {
            RunId = Run, Sequence = new EventSequence(3), UtcTime = Time, Operation = FileOperation.Rename,
            TargetFilename = "/tmp/b", SourceFilename = "/tmp/a", Image = "/usr/bin/mv", ProcessId = 5,
        });

        Assert.Equal(
            "{\"RunId\":\"20250101T000000Z-0badc0de\",\"Sequence\":3,\"EventType\":\"file_event\"," +
            "\"UtcTime\":\"2025-01-02T03:04:05.000000Z\",\"Operation\":\"rename\",\"TargetFilename\":\"/tmp/b\"," +
            "\"SourceFilename\":\"/tmp/a\",\"Image\":\"/usr/bin/mv\",\"ProcessId\":5,\"Outcome\":\"success\"}",
            line);
    }

    [Fact]
    public void Initiated_is_written_as_the_string_sigma_rules_compare_with()
    {
        var evt = new NetworkConnectionEvent
        {
            RunId = Run, UtcTime = Time, Protocol = "udp", DestinationIp = "10.0.0.1", DestinationPort = 53,
            Outcome = "success", Image = "/bin/x", ProcessId = 2,
        };

        Assert.Contains("\"Initiated\":\"true\"", EventJson.Serialize(evt), StringComparison.Ordinal);
        Assert.True(evt.TryGetField("Initiated", out var value));
        Assert.Equal("true", value);
    }

    [Fact]
    public void Unknown_fields_are_kept_when_reading_and_rewriting()
    {
        const string line = "{\"RunId\":\"r1\",\"Sequence\":1,\"EventType\":\"dns_query\",\"UtcTime\":\"2025-01-02T03:04:05.000000Z\",\"QueryName\":\"x.example\",\"Extra\":{\"a\":[1,2]},\"Note\":\"kept\"}";

        var evt = EventJson.Parse(line);

        Assert.Equal("kept", evt.AdditionalFields["Note"]);
        Assert.Equal(line, EventJson.Serialize(evt));
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("[1,2]", "must be a JSON object")]
    [InlineData("{\"RunId\":\"r\",\"Sequence\":1,\"UtcTime\":\"2025-01-01T00:00:00Z\"}", "missing required field EventType")]
    [InlineData("{\"RunId\":\"r\",\"Sequence\":1,\"EventType\":\"registry_event\",\"UtcTime\":\"2025-01-01T00:00:00Z\"}", "unknown EventType 'registry_event'")]
    [InlineData("{\"RunId\":\"r\",\"Sequence\":0,\"EventType\":\"dns_query\",\"UtcTime\":\"2025-01-01T00:00:00Z\",\"QueryName\":\"a\"}", "Sequence must be at least 1")]
    [InlineData("{\"RunId\":\"r\",\"Sequence\":1,\"EventType\":\"file_event\",\"UtcTime\":\"2025-01-01T00:00:00Z\",\"Operation\":\"move\",\"TargetFilename\":\"/a\",\"Image\":\"/b\",\"ProcessId\":1}", "Operation 'move'")]
    [InlineData("{\"RunId\":\"r\",\"Sequence\":1,\"EventType\":\"process_exit\",\"UtcTime\":\"yesterday\",\"Image\":\"/b\",\"ProcessId\":1}", "UtcTime 'yesterday'")]
    [InlineData("{\"RunId\":\"r\",\"Sequence\":1,\"EventType\":\"process_exit\",\"UtcTime\":\"2025-01-01T00:00:00Z\",\"Image\":\"/b\",\"ProcessId\":\"one\"}", "ProcessId must be an integer")]
    public void Malformed_lines_are_rejected_with_the_line_number_and_the_problem(string line, string problem)
    {
        var error = Assert.Throws<EventFormatException>(() => EventJson.Parse(line, 17));

        Assert.Equal(17, error.LineNumber);
        Assert.StartsWith("line 17: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }
}
