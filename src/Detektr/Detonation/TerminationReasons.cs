namespace Detektr.Detonation;

/// <summary>Wire names of <see cref="TerminationReason"/>.</summary>
public static class TerminationReasons
{
    /// <summary>Returns the snake_case name (<c>exited</c>, <c>timeout</c>, <c>memory_limit</c>, ...).</summary>
    public static string ToWireName(this TerminationReason reason) => reason switch
    {
        TerminationReason.Exited => "exited",
        TerminationReason.Timeout => "timeout",
        TerminationReason.MemoryLimit => "memory_limit",
        TerminationReason.ProcessLimit => "process_limit",
        TerminationReason.TraceLimit => "trace_limit",
        TerminationReason.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "unknown termination reason"),
    };

    /// <summary>Parses a snake_case name.</summary>
    public static bool TryParse(string? name, out TerminationReason reason)
    {
        foreach (var candidate in Enum.GetValues<TerminationReason>())
        {
            if (candidate.ToWireName() == name)
            {
                reason = candidate;
                return true;
            }
        }

        reason = default;
        return false;
    }
}
