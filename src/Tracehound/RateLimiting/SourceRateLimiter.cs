using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace Tracehound;

/// <summary>
/// A fixed-window limiter partitioned by source: at most <see cref="SourceRateLimiterOptions.MaxRequests"/>
/// per <see cref="SourceRateLimiterOptions.Window"/>, then blocked for
/// <see cref="SourceRateLimiterOptions.BlockDuration"/>. It is a <see cref="PartitionedRateLimiter{TResource}"/>,
/// so the agent can use any BCL limiter in its place; an acquired lease is a shared instance and allocates nothing.
/// </summary>
public sealed class SourceRateLimiter : PartitionedRateLimiter<string>
{
    private readonly ConcurrentDictionary<string, SourceWindow> _sources = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly long _windowTicks;
    private readonly long _blockTicks;
    private readonly int _maxRequests;
    private readonly int _maxTracked;
    private int _tracked;
    private long _rejected;
    private long _untracked;
    private long _blocks;

    /// <summary>Creates a limiter; time comes from <paramref name="time"/> (the system clock by default).</summary>
    public SourceRateLimiter(SourceRateLimiterOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }

        _time = time ?? TimeProvider.System;
        _windowTicks = ToTimestampTicks(options.Window);
        _blockTicks = ToTimestampTicks(options.BlockDuration);
        _maxRequests = options.MaxRequests;
        _maxTracked = options.MaxTrackedSources;
    }

    /// <summary>Sources tracked now.</summary>
    public int TrackedSources => Volatile.Read(ref _tracked);

    /// <summary>Requests rejected since creation.</summary>
    public long RejectedRequests => Interlocked.Read(ref _rejected);

    /// <summary>Times a source went from allowed to blocked.</summary>
    public long Blocks => Interlocked.Read(ref _blocks);

    /// <summary>Requests let through untracked because the source cap was reached.</summary>
    public long UntrackedRequests => Interlocked.Read(ref _untracked);

    /// <summary>Sources blocked now.</summary>
    public int BlockedSources
    {
        get
        {
            var now = _time.GetTimestamp();
            var blocked = 0;
            foreach (var pair in _sources)
            {
                if (pair.Value.IsBlocked(now))
                {
                    blocked++;
                }
            }

            return blocked;
        }
    }

    /// <summary>
    /// The allocation-free check the agent uses: true when <paramref name="source"/> may proceed; otherwise
    /// false with how long until it may try again.
    /// </summary>
    public bool TryAcquire(string source, out TimeSpan retryAfter)
    {
        var now = _time.GetTimestamp();
        if (!_sources.TryGetValue(source, out var window))
        {
            window = Track(source, now);
            if (window is null)
            {
                Interlocked.Increment(ref _untracked);
                retryAfter = TimeSpan.Zero;
                return true;
            }
        }

        var decision = window.Acquire(now, _windowTicks, _blockTicks, _maxRequests, out var retryTicks);
        if (decision == SourceWindow.Decision.Allowed)
        {
            retryAfter = TimeSpan.Zero;
            return true;
        }

        if (decision == SourceWindow.Decision.NewlyBlocked)
        {
            Interlocked.Increment(ref _blocks);
        }

        Interlocked.Increment(ref _rejected);
        retryAfter = FromTimestampTicks(retryTicks);
        return false;
    }

    /// <summary>Drops sources not seen for a window and not blocked; run from the background lane, never on the hot path.</summary>
    public int PruneStale()
    {
        var now = _time.GetTimestamp();
        var horizon = Math.Max(_windowTicks, _blockTicks);
        var dropped = 0;
        foreach (var pair in _sources)
        {
            if (pair.Value.IsStale(now, horizon) && _sources.TryRemove(pair))
            {
                Interlocked.Decrement(ref _tracked);
                dropped++;
            }
        }

        return dropped;
    }

    /// <inheritdoc />
    public override RateLimiterStatistics? GetStatistics(string resource) =>
        new() { TotalFailedLeases = RejectedRequests, CurrentAvailablePermits = 0, CurrentQueuedCount = 0 };

    /// <inheritdoc />
    protected override RateLimitLease AttemptAcquireCore(string resource, int permitCount)
    {
        if (permitCount == 0)
        {
            return SourceLease.Acquired;
        }

        return TryAcquire(resource, out var retryAfter) ? SourceLease.Acquired : new SourceLease(retryAfter);
    }

    /// <inheritdoc />
    protected override ValueTask<RateLimitLease> AcquireAsyncCore(string resource, int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(resource, permitCount));

    private SourceWindow? Track(string source, long now)
    {
        if (Interlocked.Increment(ref _tracked) > _maxTracked)
        {
            Interlocked.Decrement(ref _tracked);
            return null;
        }

        var created = new SourceWindow(now);
        var window = _sources.GetOrAdd(source, created);
        if (!ReferenceEquals(window, created))
        {
            // Another thread tracked this source first.
            Interlocked.Decrement(ref _tracked);
        }

        return window;
    }

    private long ToTimestampTicks(TimeSpan span) => (long)(span.Ticks * (_time.TimestampFrequency / (double)TimeSpan.TicksPerSecond));

    private TimeSpan FromTimestampTicks(long ticks) => TimeSpan.FromTicks((long)(ticks * (TimeSpan.TicksPerSecond / (double)_time.TimestampFrequency)));

    private sealed class SourceWindow(long now)
    {
        private readonly Lock _gate = new();
        private long _windowStart = now;
        private long _lastSeen = now;
        private long _blockedUntil = long.MinValue;
        private int _count;

        public enum Decision
        {
            Allowed,
            Blocked,
            NewlyBlocked,
        }

        public Decision Acquire(long now, long windowTicks, long blockTicks, int maxRequests, out long retryTicks)
        {
            lock (_gate)
            {
                _lastSeen = now;
                if (now < _blockedUntil)
                {
                    retryTicks = _blockedUntil - now;
                    return Decision.Blocked;
                }

                if (now - _windowStart >= windowTicks)
                {
                    _windowStart = now;
                    _count = 0;
                }

                if (++_count <= maxRequests)
                {
                    retryTicks = 0;
                    return Decision.Allowed;
                }

                if (blockTicks > 0)
                {
                    _blockedUntil = now + blockTicks;
                    retryTicks = blockTicks;
                }
                else
                {
                    // Without a block the source waits for the window to roll over.
                    retryTicks = Math.Max(1, windowTicks - (now - _windowStart));
                }

                return Decision.NewlyBlocked;
            }
        }

        public bool IsBlocked(long now)
        {
            lock (_gate)
            {
                return now < _blockedUntil;
            }
        }

        public bool IsStale(long now, long horizon)
        {
            lock (_gate)
            {
                return now >= _blockedUntil && now - _lastSeen >= horizon;
            }
        }
    }
}
