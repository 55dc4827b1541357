using Detektr.Events;
using Detektr.Runs;
using Detektr.Tests.TestSupport;

namespace Detektr.Tests.Events;

public sealed class EventsFileTests
{
    private static readonly RunId Run = new("run-1");

    [Fact]
    public void The_writer_numbers_events_from_one_in_write_order()
    {
        using var directory = new TemporaryDirectory();
        var path = Path.Combine(directory.Path, EventsReader.FileName);
        using (var writer = new EventsWriter(path))
        {
            for (var i = 0; i < 5; i++)
            {
                writer.Write(new DnsQueryEvent { RunId = Run, UtcTime = DateTimeOffset.UnixEpoch.AddSeconds(i), QueryName = $"n{i}.example" });
            }
        }

        var events = EventsReader.ReadAll(directory.Path);

        Assert.Equal([1L, 2, 3, 4, 5], events.Select(e => e.Sequence.Value));
        Assert.Equal("n4.example", ((DnsQueryEvent)events[4]).QueryName);
    }

    [Fact]
    public void Reading_stops_at_a_malformed_line_and_names_it()
    {
        using var directory = new TemporaryDirectory();
        var good = EventJson.Serialize(new DnsQueryEvent { RunId = Run, Sequence = EventSequence.First, UtcTime = DateTimeOffset.UnixEpoch, QueryName = "a" });
        var path = directory.File("events.jsonl", good + "\n\n" + "{\"RunId\":\"run-1\"\n");

        var error = Assert.Throws<EventFormatException>(() => EventsReader.ReadAll(path));

        Assert.Equal(3, error.LineNumber);
    }
}
