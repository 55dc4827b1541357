namespace Detektr.Events;

/// <summary>A line of <c>events.jsonl</c> is not a valid event; the message names the line and the problem.</summary>
public sealed class EventFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public EventFormatException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public EventFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public EventFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a line.</summary>
    public EventFormatException(long lineNumber, string problem, Exception? innerException = null)
        : base($"line {lineNumber}: {problem}", innerException)
    {
        LineNumber = lineNumber;
    }

    /// <summary>The 1-based line number of the offending line, or 0 when not known.</summary>
    public long LineNumber { get; }
}
