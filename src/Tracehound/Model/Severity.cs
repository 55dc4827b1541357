namespace Tracehound;

/// <summary>How severe an external detector judged a threat. Ordered: a higher value is more severe.</summary>
public enum Severity
{
    /// <summary>Low severity: evicted first when the quarantine is full.</summary>
    Low = 0,

    /// <summary>Medium severity.</summary>
    Medium = 1,

    /// <summary>High severity: its eviction raises an alert.</summary>
    High = 2,

    /// <summary>Critical severity: its eviction raises an alert.</summary>
    Critical = 3,
}
