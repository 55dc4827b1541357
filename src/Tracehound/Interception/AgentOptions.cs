using System.Threading.RateLimiting;

namespace Tracehound;

/// <summary>Everything an <see cref="Agent"/> is configured with. Validated once, at construction.</summary>
public sealed class AgentOptions
{
    /// <summary>Quarantine limits and background behaviour.</summary>
    public QuarantineOptions Quarantine { get; set; } = new();

    /// <summary>Payload limits.</summary>
    public PayloadOptions Payload { get; set; } = new();

    /// <summary>The built-in per-source limiter's options (ignored when <see cref="RateLimiter"/> is set).</summary>
    public SourceRateLimiterOptions RateLimit { get; set; } = new();

    /// <summary>
    /// A limiter partitioned by source to use instead of the built-in one, e.g. one made with
    /// <see cref="PartitionedRateLimiter.Create{TResource, TPartitionKey}"/>. The agent does not dispose it.
    /// </summary>
    public PartitionedRateLimiter<string>? RateLimiter { get; set; }

    /// <summary>Fail-safe thresholds and callback.</summary>
    public FailSafeOptions FailSafe { get; set; } = new();

    /// <summary>Alert throttling.</summary>
    public NotificationOptions Notifications { get; set; } = new();

    /// <summary>How often the background lane sweeps expired evidence, prunes stale sources and re-evaluates the fail-safe level.</summary>
    public TimeSpan MaintenanceInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Returns every problem with these options, empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        errors.AddRange(Quarantine.Validate());
        errors.AddRange(Payload.Validate());
        if (RateLimiter is null)
        {
            errors.AddRange(RateLimit.Validate());
        }

        errors.AddRange(FailSafe.Validate());
        errors.AddRange(Notifications.Validate());
        if (Payload.MaxBytes > Quarantine.MaxBytes)
        {
            errors.Add($"Payload.MaxBytes ({Payload.MaxBytes}) must not exceed Quarantine.MaxBytes ({Quarantine.MaxBytes}): the largest accepted payload must fit.");
        }

        if (MaintenanceInterval <= TimeSpan.Zero)
        {
            errors.Add($"MaintenanceInterval must be positive (was {MaintenanceInterval}).");
        }

        return errors;
    }
}
