namespace Tracehound;

/// <summary>Options of the per-source fixed-window limiter. Defaults are documented constants.</summary>
public sealed class SourceRateLimiterOptions
{
    /// <summary>Default window: one minute.</summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromMinutes(1);

    /// <summary>Default requests allowed per source and window: 600.</summary>
    public const int DefaultMaxRequests = 600;

    /// <summary>Default block after a source exceeds its window: one minute.</summary>
    public static readonly TimeSpan DefaultBlockDuration = TimeSpan.FromMinutes(1);

    /// <summary>Default cap on sources tracked at once: 100,000.</summary>
    public const int DefaultMaxTrackedSources = 100_000;

    /// <summary>The length of one counting window.</summary>
    public TimeSpan Window { get; set; } = DefaultWindow;

    /// <summary>Requests a source may make in one window before it is blocked.</summary>
    public int MaxRequests { get; set; } = DefaultMaxRequests;

    /// <summary>How long a source stays blocked once it exceeded the window.</summary>
    public TimeSpan BlockDuration { get; set; } = DefaultBlockDuration;

    /// <summary>
    /// The most sources tracked at once, which bounds memory under a flood of distinct sources. Past the
    /// cap a new source is let through untracked (and counted) until stale entries are dropped.
    /// </summary>
    public int MaxTrackedSources { get; set; } = DefaultMaxTrackedSources;

    /// <summary>Returns the problems with these options, empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Window <= TimeSpan.Zero)
        {
            errors.Add($"RateLimit.Window must be positive (was {Window}).");
        }

        if (MaxRequests < 1)
        {
            errors.Add($"RateLimit.MaxRequests must be at least 1 (was {MaxRequests}).");
        }

        if (BlockDuration < TimeSpan.Zero)
        {
            errors.Add($"RateLimit.BlockDuration must not be negative (was {BlockDuration}).");
        }

        if (MaxTrackedSources < 1)
        {
            errors.Add($"RateLimit.MaxTrackedSources must be at least 1 (was {MaxTrackedSources}).");
        }

        return errors;
    }
}
