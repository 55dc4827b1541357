namespace Detektr.Sigma.Matching;

/// <summary>A problem with one event of a stream: unreadable input, or a rule that failed on it.</summary>
/// <param name="Line">The 1-based line of the event in its JSON lines input; 0 for events not read from lines.</param>
/// <param name="Sequence">The event's <c>Sequence</c>, when it could be read.</param>
/// <param name="Message">What went wrong.</param>
public sealed record SigmaStreamError(long Line, long? Sequence, string Message)
{
    /// <summary>Writes <c>line N (sequence S): message</c>.</summary>
    public override string ToString()
    {
        string where = Line > 0 ? $"line {Line}" : "event";
        return Sequence is long sequence ? $"{where} (sequence {sequence}): {Message}" : $"{where}: {Message}";
    }
}
