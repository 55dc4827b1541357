namespace Tracehound.AspNetCore;

/// <summary>
/// Everything <c>AddTracehound</c> is configured with, bound from the <c>Tracehound</c> configuration
/// section and validated at start. The core's options sit at the root of the section
/// (<c>Tracehound:Quarantine:MaxItems</c>, <c>Tracehound:RateLimit:MaxRequests</c>, ...) beside the
/// integration's own (<c>Tracehound:Capture</c>, <c>Tracehound:UpstreamSignal</c>, <c>Tracehound:Admin</c>, ...).
/// </summary>
public sealed class TracehoundOptions
{
    /// <summary>The configuration section bound by default: <c>Tracehound</c>.</summary>
    public const string SectionName = "Tracehound";

    /// <summary>The core agent's options; the properties below forward to it so they bind at the section root.</summary>
    public AgentOptions Agent { get; } = new();

    /// <summary>Quarantine limits (<c>Tracehound:Quarantine</c>).</summary>
    public QuarantineOptions Quarantine
    {
        get => Agent.Quarantine;
        set => Agent.Quarantine = value;
    }

    /// <summary>Payload limits (<c>Tracehound:Payload</c>); <c>MaxBytes</c> bounds the evidence of one request.</summary>
    public PayloadOptions Payload
    {
        get => Agent.Payload;
        set => Agent.Payload = value;
    }

    /// <summary>The per-source rate limit (<c>Tracehound:RateLimit</c>).</summary>
    public SourceRateLimiterOptions RateLimit
    {
        get => Agent.RateLimit;
        set => Agent.RateLimit = value;
    }

    /// <summary>Fail-safe thresholds (<c>Tracehound:FailSafe</c>).</summary>
    public FailSafeOptions FailSafe
    {
        get => Agent.FailSafe;
        set => Agent.FailSafe = value;
    }

    /// <summary>Alert throttling (<c>Tracehound:Notifications</c>).</summary>
    public NotificationOptions Notifications
    {
        get => Agent.Notifications;
        set => Agent.Notifications = value;
    }

    /// <summary>How often the agent's background lane runs (<c>Tracehound:MaintenanceInterval</c>).</summary>
    public TimeSpan MaintenanceInterval
    {
        get => Agent.MaintenanceInterval;
        set => Agent.MaintenanceInterval = value;
    }

    /// <summary>
    /// The durable data directory (evidence and ledger), or null to keep everything in memory (the default).
    /// </summary>
    public string? DataDirectory { get; set; }

    /// <summary>
    /// How the data directory is written (<c>Tracehound:Storage</c>: <c>FsyncPolicy</c>, <c>CheckpointInterval</c>,
    /// <c>RecordDuplicates</c>, <c>QueueCapacity</c>...); used only when <see cref="DataDirectory"/> is set, whose
    /// value replaces the storage options' own <c>DataDirectory</c>.
    /// </summary>
    public Tracehound.Storage.TracehoundStorageOptions Storage { get; set; } = new();

    /// <summary>What is captured from a flagged request (<c>Tracehound:Capture</c>).</summary>
    public CaptureOptions Capture { get; set; } = new();

    /// <summary>The upstream WAF or proxy signal headers (<c>Tracehound:UpstreamSignal</c>).</summary>
    public UpstreamSignalOptions UpstreamSignal { get; set; } = new();

    /// <summary>How registered detectors are run (<c>Tracehound:Detectors</c>).</summary>
    public DetectorOptions Detectors { get; set; } = new();

    /// <summary>How results are answered (<c>Tracehound:Responses</c>).</summary>
    public ResponseOptions Responses { get; set; } = new();

    /// <summary>The admin endpoints (<c>Tracehound:Admin</c>), off by default.</summary>
    public AdminOptions Admin { get; set; } = new();
}
