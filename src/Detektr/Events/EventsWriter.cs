using System.Text;

namespace Detektr.Events;

/// <summary>Writes events as JSON lines. Sequence numbers are assigned here, in write order, starting at 1,
/// so every file the writer produces is monotonic by construction.</summary>
public sealed class EventsWriter : IDisposable
{
    private readonly TextWriter _writer;
    private EventSequence _next = EventSequence.First;

    /// <summary>Writes to a new file at <paramref name="path"/> (replacing any existing file).</summary>
    public EventsWriter(string path)
        : this(new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
    {
    }

    /// <summary>Writes to a text writer, which the events writer then owns.</summary>
    public EventsWriter(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        _writer = writer;
        _writer.NewLine = "\n";
    }

    /// <summary>How many events have been written.</summary>
    public long Count => _next.Value - 1;

    /// <summary>Assigns the next sequence number to <paramref name="evt"/>, writes it and returns the
    /// event as written.</summary>
    public DetektrEvent Write(DetektrEvent evt)
    {
        ArgumentNullException.ThrowIfNull(evt);
        var numbered = evt with { Sequence = _next };
        _next = _next.Next();
        _writer.WriteLine(EventJson.Serialize(numbered));
        return numbered;
    }

    /// <summary>Flushes buffered lines to the underlying stream.</summary>
    public void Flush() => _writer.Flush();

    /// <inheritdoc />
    public void Dispose() => _writer.Dispose();
}
