using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;

namespace Tracehound.AspNetCore;

/// <summary>
/// Every instrument of the <c>Tracehound</c> meter, created once from <see cref="IMeterFactory"/>. What the
/// agent already counts (intercepts by status, quarantine contents, evictions, the fail-safe level) is
/// observed when a listener collects, so the request path pays nothing for it; the rest is recorded only
/// when an instrument is enabled. Integrations (storage) add their observable instruments through
/// <see cref="ObserveGauge{T}"/> and <see cref="ObserveCounter{T}"/>.
/// </summary>
internal sealed class TracehoundMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "Tracehound";

    private static readonly string[] s_statusNames = ["clean", "rate_limited", "payload_too_large", "ignored", "quarantined", "error"];
    private static readonly string[] s_severityNames = ["low", "medium", "high", "critical"];

    private readonly Meter _meter;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _signals;
    private readonly Counter<long> _spoofed;
    private readonly Counter<long> _malformed;
    private readonly Counter<long> _detectorFailures;
    private readonly Counter<long> _lateFlags;
    private readonly Counter<long> _admin;

    public TracehoundMetrics(IMeterFactory meterFactory, Agent agent)
    {
        _meter = meterFactory.Create(MeterName);
        _meter.CreateObservableCounter(
            "tracehound.intercepts",
            () => ObserveIntercepts(agent),
            unit: "{request}",
            description: "Requests intercepted, by status (clean, rate_limited, payload_too_large, ignored, quarantined, error).");
        _duration = _meter.CreateHistogram<double>(
            "tracehound.intercept.duration",
            unit: "s",
            description: "Time Tracehound added to a request (signals, intercept and response), excluding the endpoint.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.000_001, 0.000_002, 0.000_005, 0.000_01, 0.000_025, 0.000_05, 0.000_1, 0.000_25, 0.000_5, 0.001, 0.005, 0.01, 0.05, 0.1] });
        _meter.CreateObservableGauge(
            "tracehound.quarantine.items",
            () => ObserveQuarantine(agent, bytes: false),
            unit: "{item}",
            description: "Evidence held in the quarantine, by severity.");
        _meter.CreateObservableGauge(
            "tracehound.quarantine.bytes",
            () => ObserveQuarantine(agent, bytes: true),
            unit: "By",
            description: "Bytes held in the quarantine (compressed size once compressed), by severity.");
        _meter.CreateObservableCounter(
            "tracehound.quarantine.evictions",
            () => ObserveEvictions(agent),
            unit: "{item}",
            description: "Evidence evicted from the quarantine, by reason (item_limit, byte_limit, expired).");
        _meter.CreateObservableGauge(
            "tracehound.failsafe.level",
            () => (int)agent.FailSafeLevel,
            unit: "{level}",
            description: "The fail-safe level: 0 normal, 1 warning, 2 critical, 3 emergency.");
        _signals = _meter.CreateCounter<long>(
            "tracehound.signals",
            unit: "{signal}",
            description: "Threat signals acted on, by origin (upstream, detector, app).");
        _spoofed = _meter.CreateCounter<long>(
            "tracehound.signals.spoofed",
            unit: "{request}",
            description: "Upstream signal headers ignored as spoof attempts, by reason (untrusted_source, invalid_mac).");
        _malformed = _meter.CreateCounter<long>(
            "tracehound.signals.malformed",
            unit: "{request}",
            description: "Upstream signal headers from a trusted proxy that could not be read.");
        _detectorFailures = _meter.CreateCounter<long>(
            "tracehound.detector.failures",
            unit: "{request}",
            description: "Detector runs that failed open, by detector and reason (timeout, fault).");
        _lateFlags = _meter.CreateCounter<long>(
            "tracehound.late_flags",
            unit: "{request}",
            description: "Requests flagged by the application after the fact, by whether the response had started.");
        _admin = _meter.CreateCounter<long>(
            "tracehound.admin.requests",
            unit: "{request}",
            description: "Admin endpoint requests, by endpoint and outcome.");
    }

    /// <summary>The meter, for tests and for integrations that need more than the helpers below.</summary>
    public Meter Meter => _meter;

    public bool DurationEnabled => _duration.Enabled;

    /// <summary>Adds an observable gauge to the meter (ledger size, queue backlog...).</summary>
    public ObservableGauge<T> ObserveGauge<T>(string name, Func<IEnumerable<Measurement<T>>> observe, string unit, string description)
        where T : struct => _meter.CreateObservableGauge(name, observe, unit, description);

    /// <summary>Adds an observable counter to the meter (ledger appends, dropped writes...).</summary>
    public ObservableCounter<T> ObserveCounter<T>(string name, Func<IEnumerable<Measurement<T>>> observe, string unit, string description)
        where T : struct => _meter.CreateObservableCounter(name, observe, unit, description);

    public void RecordDuration(long startTimestamp, InterceptStatus status)
    {
        if (_duration.Enabled)
        {
            RecordDurationCore(startTimestamp, status);
        }
    }

    public void Signal(string origin)
    {
        if (_signals.Enabled)
        {
            _signals.Add(1, new KeyValuePair<string, object?>("origin", origin));
        }
    }

    public void UpstreamRejected(UpstreamSignalOutcome outcome)
    {
        switch (outcome)
        {
            case UpstreamSignalOutcome.UntrustedSource when _spoofed.Enabled:
                _spoofed.Add(1, new KeyValuePair<string, object?>("reason", "untrusted_source"));
                break;
            case UpstreamSignalOutcome.InvalidMac when _spoofed.Enabled:
                _spoofed.Add(1, new KeyValuePair<string, object?>("reason", "invalid_mac"));
                break;
            case UpstreamSignalOutcome.Malformed:
                _malformed.Add(1);
                break;
            default:
                break;
        }
    }

    public void DetectorFailed(string detector, string reason)
    {
        if (_detectorFailures.Enabled)
        {
            _detectorFailures.Add(1, new KeyValuePair<string, object?>("detector", detector), new KeyValuePair<string, object?>("reason", reason));
        }
    }

    public void LateFlag(bool responseStarted)
    {
        if (_lateFlags.Enabled)
        {
            _lateFlags.Add(1, new KeyValuePair<string, object?>("response_started", responseStarted));
        }
    }

    public void AdminRequest(string endpoint, string outcome)
    {
        if (_admin.Enabled)
        {
            _admin.Add(1, new KeyValuePair<string, object?>("endpoint", endpoint), new KeyValuePair<string, object?>("outcome", outcome));
        }
    }

    internal static string StatusName(InterceptStatus status) => s_statusNames[(int)status];

    internal static string SeverityName(Severity severity) => s_severityNames[(int)severity];

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void RecordDurationCore(long startTimestamp, InterceptStatus status) =>
        _duration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds, new KeyValuePair<string, object?>("status", StatusName(status)));

    private static IEnumerable<Measurement<long>> ObserveIntercepts(Agent agent)
    {
        var counts = agent.Counts;
        return
        [
            new(counts.Clean, new KeyValuePair<string, object?>("status", "clean")),
            new(counts.RateLimited, new KeyValuePair<string, object?>("status", "rate_limited")),
            new(counts.PayloadTooLarge, new KeyValuePair<string, object?>("status", "payload_too_large")),
            new(counts.Ignored, new KeyValuePair<string, object?>("status", "ignored")),
            new(counts.Quarantined, new KeyValuePair<string, object?>("status", "quarantined")),
            new(counts.Error, new KeyValuePair<string, object?>("status", "error")),
        ];
    }

    private static Measurement<long>[] ObserveQuarantine(Agent agent, bool bytes)
    {
        var snapshot = agent.Quarantine.Snapshot();
        var measurements = new Measurement<long>[snapshot.BySeverity.Count];
        for (var i = 0; i < measurements.Length; i++)
        {
            var bucket = snapshot.BySeverity[i];
            measurements[i] = new(bytes ? bucket.Bytes : bucket.Count, new KeyValuePair<string, object?>("severity", SeverityName(bucket.Severity)));
        }

        return measurements;
    }

    private static IEnumerable<Measurement<long>> ObserveEvictions(Agent agent)
    {
        var evictions = agent.Quarantine.Evictions;
        return
        [
            new(evictions.ItemLimit, new KeyValuePair<string, object?>("reason", "item_limit")),
            new(evictions.ByteLimit, new KeyValuePair<string, object?>("reason", "byte_limit")),
            new(evictions.Expired, new KeyValuePair<string, object?>("reason", "expired")),
        ];
    }
}
