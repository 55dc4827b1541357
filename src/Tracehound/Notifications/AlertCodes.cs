namespace Tracehound;

/// <summary>The alert codes the core raises.</summary>
public static class AlertCodes
{
    /// <summary>High or critical evidence was evicted to make room.</summary>
    public const string HighSeverityEvicted = "high_severity_evicted";

    /// <summary>More alerts than the window allows: one escalation, the rest suppressed and counted.</summary>
    public const string AlertFlood = "alert_flood";

    /// <summary>A subscriber fell behind and notifications were dropped.</summary>
    public const string NotificationsDropped = "notifications_dropped";
}
