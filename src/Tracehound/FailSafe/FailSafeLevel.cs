namespace Tracehound;

/// <summary>How close the agent is to its limits. Higher is worse.</summary>
public enum FailSafeLevel
{
    /// <summary>Within limits.</summary>
    Normal = 0,

    /// <summary>At the warning threshold (70% by default).</summary>
    Warning = 1,

    /// <summary>At the critical threshold (85% by default).</summary>
    Critical = 2,

    /// <summary>At the emergency threshold (95% by default).</summary>
    Emergency = 3,
}
