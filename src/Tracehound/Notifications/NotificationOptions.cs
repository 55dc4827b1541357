namespace Tracehound;

/// <summary>Alert throttling. Defaults are documented constants.</summary>
public sealed class NotificationOptions
{
    /// <summary>Default alert window: one minute.</summary>
    public static readonly TimeSpan DefaultAlertWindow = TimeSpan.FromMinutes(1);

    /// <summary>Default alerts allowed per window: 20.</summary>
    public const int DefaultMaxAlertsPerWindow = 20;

    /// <summary>The window over which alerts are counted.</summary>
    public TimeSpan AlertWindow { get; set; } = DefaultAlertWindow;

    /// <summary>Alerts delivered per window; the next raises one <see cref="AlertCodes.AlertFlood"/> and the rest are suppressed.</summary>
    public int MaxAlertsPerWindow { get; set; } = DefaultMaxAlertsPerWindow;

    /// <summary>Returns the problems with these options, empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (AlertWindow <= TimeSpan.Zero)
        {
            errors.Add($"Notifications.AlertWindow must be positive (was {AlertWindow}).");
        }

        if (MaxAlertsPerWindow < 1)
        {
            errors.Add($"Notifications.MaxAlertsPerWindow must be at least 1 (was {MaxAlertsPerWindow}).");
        }

        return errors;
    }
}
