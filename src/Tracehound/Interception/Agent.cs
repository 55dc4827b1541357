using System.Threading.RateLimiting;

namespace Tracehound;

/// <summary>
/// The security buffer. <see cref="Intercept"/> is called for every request, concurrently, and answers
/// in the order: rate limit, then clean unless an external detector flagged the scent, then payload size,
/// canonical form, signature, duplicate check and quarantine. It never decides what is malicious and
/// it never throws: every fault becomes an <see cref="InterceptStatus.Error"/> result, counted.
/// </summary>
/// <remarks>
/// Fail-open contract: Tracehound's own failure never blocks traffic. An Error result means "Tracehound
/// could not process this"; hosts must let such requests proceed (the ASP.NET Core middleware does).
/// Background work (compression, time-to-live sweeps, stale-source pruning, fail-safe decay,
/// notification delivery) runs on lanes the agent owns until it is disposed.
/// </remarks>
public sealed class Agent : IDisposable, IAsyncDisposable
{
    private static readonly InterceptError s_invalidScent = new(InterceptErrorCodes.InvalidScent, "The scent, its id or its source is missing.", false);
    private static readonly InterceptError s_invalidSignal = new(InterceptErrorCodes.InvalidScent, "The threat signal's severity is undefined or its detector is missing.", false);
    private static readonly InterceptError s_disposed = new(InterceptErrorCodes.AgentDisposed, "The agent was disposed.", false);

    private readonly AgentOptions _options;
    private readonly TimeProvider _time;
    private readonly CanonicalLimits _limits;
    private readonly PartitionedRateLimiter<string> _limiter;
    private readonly SourceRateLimiter? _sourceLimiter;
    private readonly StatusCounters _counters = new();
    private readonly RecentErrors _recentErrors = new(32);
    private readonly AlertGate _alerts;
    private readonly FailSafeMonitor _failSafe;
    private readonly CompressionLane? _compression;
    private readonly ITimer _maintenance;
    private readonly Subscription? _levelCallback;
    private long _lastTotal;
    private long _lastTick;
    private double _perSecond;
    private long _lastDropped;
    private int _disposed;

    /// <summary>Creates an agent. Invalid options throw <see cref="ArgumentException"/> listing every problem.</summary>
    public Agent(AgentOptions? options = null, TimeProvider? time = null)
    {
        _options = options ?? new AgentOptions();
        var errors = _options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid Tracehound options: " + string.Join(" ", errors), nameof(options));
        }

        _time = time ?? TimeProvider.System;
        _limits = _options.Payload.ToLimits();
        if (_options.RateLimiter is { } custom)
        {
            _limiter = custom;
        }
        else
        {
            _sourceLimiter = new SourceRateLimiter(_options.RateLimit, _time);
            _limiter = _sourceLimiter;
        }

        Notifications = new NotificationHub();
        _alerts = new AlertGate(_options.Notifications, _time, Notifications);
        _failSafe = new FailSafeMonitor(_options.FailSafe, _time, Notifications);
        Quarantine = new Quarantine(_options.Quarantine, _time, Notifications, _alerts);
        if (_options.Quarantine.Compression)
        {
            _compression = new CompressionLane(Quarantine, _options.Quarantine);
            Quarantine.AttachCompression(_compression);
        }

        if (_options.FailSafe.OnLevelChanged is { } onLevelChanged)
        {
            _levelCallback = Notifications.Subscribe(
                e =>
                {
                    if (e is FailSafeLevelChanged changed)
                    {
                        onLevelChanged(changed);
                    }
                },
                "fail-safe callback");
        }

        _lastTick = _time.GetTimestamp();
        _maintenance = _time.CreateTimer(_ => RunMaintenance(), null, _options.MaintenanceInterval, _options.MaintenanceInterval);
    }

    /// <summary>The quarantine: lookup, neutralize, evacuate, purge, flush.</summary>
    public Quarantine Quarantine { get; }

    /// <summary>Lifecycle events, alerts and fail-safe changes, delivered off the hot path.</summary>
    public NotificationHub Notifications { get; }

    /// <summary>The current fail-safe level.</summary>
    public FailSafeLevel FailSafeLevel => _failSafe.Level;

    /// <summary>The options the agent runs with.</summary>
    public AgentOptions Options => _options;

    /// <summary>The clock the agent reads.</summary>
    public TimeProvider TimeProvider => _time;

    /// <summary>Intercepts by status since start.</summary>
    public InterceptCounts Counts => _counters.Read();

    /// <summary>Processes one scent. Thread-safe, allocation-free for clean traffic, and never throws.</summary>
    public InterceptResult Intercept(Scent scent) => Process(scent, applyRateLimit: true);

    /// <summary>
    /// The clean fast path for a request no detector flagged: only the rate limit is applied, so no scent
    /// needs to be built. Answers <see cref="InterceptStatus.Clean"/> or <see cref="InterceptStatus.RateLimited"/>
    /// (or <see cref="InterceptStatus.Error"/> for an empty source or a disposed agent), counted like
    /// <see cref="Intercept"/>. Thread-safe, allocation-free, never throws.
    /// </summary>
    public InterceptResult InterceptClean(string source)
    {
        try
        {
            if (Volatile.Read(ref _disposed) != 0)
            {
                return Fail(s_disposed);
            }

            if (string.IsNullOrWhiteSpace(source))
            {
                return Fail(s_invalidScent);
            }

            if (!TryAcquire(source, out var retryAfter))
            {
                return RateLimited(source, retryAfter);
            }

            _counters.Increment(InterceptStatus.Clean);
            return InterceptResult.Clean;
        }
#pragma warning disable CA1031 // The hot path never throws into the host: every fault becomes a counted Error result.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return InternalFault(ex);
        }
    }

    /// <summary>
    /// Processes a scent whose request was already admitted by <see cref="InterceptClean"/> and flagged
    /// afterwards (e.g. by the application once it had read the body): the same pipeline as
    /// <see cref="Intercept"/> without the rate limit, which the request already passed. It is counted as an
    /// intercept of its own. Thread-safe and never throws.
    /// </summary>
    public InterceptResult InterceptAdmitted(Scent scent) => Process(scent, applyRateLimit: false);

    /// <summary>Subscribes to events; shorthand for <see cref="NotificationHub.Subscribe(Action{TracehoundEvent}, string?, int)"/>.</summary>
    public Subscription Subscribe(Action<TracehoundEvent> handler, string? name = null) => Notifications.Subscribe(handler, name);

    /// <summary>
    /// Raises an alert through the agent's alert rate limit, for integrations (storage, coordination)
    /// that need an operator's attention.
    /// </summary>
    public void RaiseAlert(string code, Severity severity, string message, ThreatSignature? signature = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentNullException.ThrowIfNull(message);
        _alerts.Raise(code, severity, message, signature);
    }

    /// <summary>A point-in-time view of the agent.</summary>
    public AgentSnapshot Snapshot()
    {
        var counts = _counters.Read();
        var rate = _sourceLimiter is { } limiter
            ? new RateLimitSnapshot(counts.RateLimited, limiter.TrackedSources, limiter.BlockedSources, limiter.Blocks, limiter.UntrackedRequests)
            : new RateLimitSnapshot(counts.RateLimited, 0, 0, 0, 0);
        return new AgentSnapshot(
            _time.GetUtcNow(),
            counts,
            Volatile.Read(ref _perSecond),
            Quarantine.Snapshot(),
            rate,
            _failSafe.Level,
            _failSafe.ErrorsLastMinute,
            Quarantine.Evictions,
            new NotificationSnapshot(Notifications.Published, Notifications.Dropped, Notifications.HandlerFaults, _alerts.Raised, _alerts.Suppressed),
            _compression?.Snapshot() ?? new CompressionSnapshot(0, 0, 0, 0),
            _recentErrors.ToList());
    }

    /// <inheritdoc />
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _maintenance.DisposeAsync().ConfigureAwait(false);
        if (_compression is not null)
        {
            await _compression.DisposeAsync().ConfigureAwait(false);
        }

        if (_levelCallback is not null)
        {
            await _levelCallback.DisposeAsync().ConfigureAwait(false);
        }

        await Notifications.DisposeAsync().ConfigureAwait(false);
        _sourceLimiter?.Dispose();
    }

    /// <summary>Runs one maintenance pass now (normally the background timer does): TTL sweep, pruning, fail-safe decay, throughput.</summary>
    public void RunMaintenance()
    {
        try
        {
            Quarantine.SweepExpired();
            _sourceLimiter?.PruneStale();
            _failSafe.Evaluate(Quarantine.FillRatio, includeErrors: true);

            var now = _time.GetTimestamp();
            var total = _counters.Read().Total;
            var elapsed = (now - Interlocked.Exchange(ref _lastTick, now)) / (double)_time.TimestampFrequency;
            var delta = total - Interlocked.Exchange(ref _lastTotal, total);
            if (elapsed > 0)
            {
                Volatile.Write(ref _perSecond, delta / elapsed);
            }

            var dropped = Notifications.Dropped;
            var newlyDropped = dropped - Interlocked.Exchange(ref _lastDropped, dropped);
            if (newlyDropped > 0)
            {
                _alerts.Raise(AlertCodes.NotificationsDropped, Severity.Medium, $"{newlyDropped} notifications were dropped because a subscriber fell behind.", null);
            }
        }
#pragma warning disable CA1031 // Maintenance runs on a timer: a fault is counted and the next pass tries again.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            RecordError(new InterceptError(InterceptErrorCodes.InternalError, $"Maintenance fault ({ex.GetType().Name}).", true));
        }
    }

    private InterceptResult Process(Scent scent, bool applyRateLimit)
    {
        try
        {
            if (Volatile.Read(ref _disposed) != 0)
            {
                return Fail(s_disposed);
            }

            if (scent is null || string.IsNullOrWhiteSpace(scent.Id) || string.IsNullOrWhiteSpace(scent.Source) || scent.Payload is null)
            {
                return Fail(s_invalidScent);
            }

            if (applyRateLimit && !TryAcquire(scent.Source, out var retryAfter))
            {
                return RateLimited(scent.Source, retryAfter);
            }

            if (scent.Signal is not { } signal)
            {
                _counters.Increment(InterceptStatus.Clean);
                return InterceptResult.Clean;
            }

            // The severity indexes the quarantine's age lists and the detector is stored with the evidence:
            // a value outside them would fault half-way through an insert.
            if ((uint)signal.Severity > (uint)Severity.Critical || string.IsNullOrWhiteSpace(signal.Detector))
            {
                return Fail(s_invalidSignal);
            }

            return InterceptThreat(scent, signal);
        }
#pragma warning disable CA1031 // The hot path never throws into the host: every fault becomes a counted Error result.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return InternalFault(ex);
        }
    }

    private InterceptResult InternalFault(Exception exception) =>
        Fail(new InterceptError(InterceptErrorCodes.InternalError, $"Internal fault ({exception.GetType().Name}).", true));

    private bool TryAcquire(string source, out TimeSpan retryAfter)
    {
        if (_sourceLimiter is { } limiter)
        {
            return limiter.TryAcquire(source, out retryAfter);
        }

        using var lease = _limiter.AttemptAcquire(source);
        if (lease.IsAcquired)
        {
            retryAfter = TimeSpan.Zero;
            return true;
        }

        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.Zero;
        return false;
    }

    private InterceptResult RateLimited(string source, TimeSpan retryAfter)
    {
        _counters.Increment(InterceptStatus.RateLimited);
        if (Notifications.HasSubscribers)
        {
            Notifications.Publish(new SourceRateLimited(_time.GetUtcNow(), source, retryAfter));
        }

        return InterceptResult.RateLimited(retryAfter);
    }

    private InterceptResult InterceptThreat(Scent scent, ThreatSignal signal)
    {
        var payload = scent.Payload;
        var known = payload.KnownSize;
        if (known > _limits.MaxBytes)
        {
            _counters.Increment(InterceptStatus.PayloadTooLarge);
            return InterceptResult.PayloadTooLarge(_limits.MaxBytes);
        }

        var buffer = CanonicalBuffer.ForCurrentThread(_limits.MaxBytes);
        try
        {
            var status = CanonicalForm.Encode(payload, _limits, buffer, out var direct);
            if (status != CanonicalStatus.Ok)
            {
                if (status == CanonicalStatus.TooLarge)
                {
                    _counters.Increment(InterceptStatus.PayloadTooLarge);
                    return InterceptResult.PayloadTooLarge(_limits.MaxBytes);
                }

                return Fail(PayloadError(status));
            }

            var canonical = direct ? payload.Bytes.Span : buffer.WrittenSpan;
            var signature = new ThreatSignature(signal.Category, ContentHash.Compute(canonical));
            var admission = Quarantine.Admit(signature, scent, signal, canonical, out var handle);
            if (admission == Admission.Duplicate)
            {
                _counters.Increment(InterceptStatus.Ignored);
                if (Notifications.HasSubscribers)
                {
                    Notifications.Publish(new DuplicateIgnored(_time.GetUtcNow(), signature, scent.Id, scent.Source));
                }

                return InterceptResult.Ignored(handle);
            }

            _counters.Increment(InterceptStatus.Quarantined);
            _failSafe.Evaluate(Quarantine.FillRatio, includeErrors: false);
            return InterceptResult.Quarantined(handle);
        }
        finally
        {
            // The buffer held canonical payload bytes; leave nothing behind on the thread.
            buffer.Clear();
        }
    }

    private InterceptResult Fail(InterceptError error)
    {
        RecordError(error);
        return InterceptResult.Failed(error);
    }

    private void RecordError(InterceptError error)
    {
        _counters.Increment(InterceptStatus.Error);
        _failSafe.RecordError();
        _recentErrors.Add(new InterceptErrorRecord(_time.GetUtcNow(), error.Code, error.Message));
        if (Notifications.HasSubscribers)
        {
            Notifications.Publish(new InterceptFaulted(_time.GetUtcNow(), error));
        }
    }

    private static InterceptError PayloadError(CanonicalStatus status) => status switch
    {
        CanonicalStatus.DepthExceeded => PayloadErrors.Depth,
        CanonicalStatus.TooManyKeys => PayloadErrors.Keys,
        CanonicalStatus.InvalidJson => PayloadErrors.Json,
        CanonicalStatus.InvalidUtf8 => PayloadErrors.Utf8,
        CanonicalStatus.DuplicateKey => PayloadErrors.DuplicateKey,
        CanonicalStatus.InvalidNumber => PayloadErrors.Number,
        CanonicalStatus.Cycle => PayloadErrors.Cycle,
        _ => PayloadErrors.Unsupported,
    };

    private static class PayloadErrors
    {
        public static readonly InterceptError Depth = new(InterceptErrorCodes.PayloadDepthExceeded, "The payload nests deeper than the depth limit.", false);
        public static readonly InterceptError Keys = new(InterceptErrorCodes.PayloadTooManyKeys, "The payload has more object members than the key limit.", false);
        public static readonly InterceptError Json = new(InterceptErrorCodes.PayloadInvalidJson, "The payload is not well-formed JSON.", false);
        public static readonly InterceptError Utf8 = new(InterceptErrorCodes.PayloadInvalidUtf8, "The payload's text is not valid UTF-8.", false);
        public static readonly InterceptError DuplicateKey = new(InterceptErrorCodes.PayloadDuplicateKey, "An object in the payload has the same key twice.", false);
        public static readonly InterceptError Number = new(InterceptErrorCodes.PayloadInvalidNumber, "A number in the payload is not finite.", false);
        public static readonly InterceptError Cycle = new(InterceptErrorCodes.PayloadCycle, "The structured payload refers to itself.", false);
        public static readonly InterceptError Unsupported = new(InterceptErrorCodes.PayloadUnsupportedType, "The structured payload holds a value with no canonical form.", false);
    }
}
