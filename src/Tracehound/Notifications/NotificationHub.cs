namespace Tracehound;

/// <summary>
/// Fans events out to subscribers. Each subscriber has its own bounded queue and its own delivery loop,
/// so a subscriber that throws or blocks only delays itself: publishing never waits, and events that do
/// not fit a full queue are dropped and counted.
/// </summary>
public sealed class NotificationHub : IAsyncDisposable
{
    /// <summary>Default queue capacity per subscriber: 4,096 events.</summary>
    public const int DefaultCapacity = 4096;

    private readonly Lock _gate = new();
    private Subscription[] _subscriptions = [];
    private long _published;
    private long _dropped;
    private bool _disposed;

    /// <summary>True when anyone listens; the agent skips creating events otherwise.</summary>
    public bool HasSubscribers => Volatile.Read(ref _subscriptions).Length > 0;

    /// <summary>Events handed to the hub.</summary>
    public long Published => Interlocked.Read(ref _published);

    /// <summary>Events dropped across all subscribers because their queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Exceptions thrown by subscriber handlers, caught and counted.</summary>
    public long HandlerFaults
    {
        get
        {
            long sum = 0;
            foreach (var s in Volatile.Read(ref _subscriptions))
            {
                sum += s.Faults;
            }

            return sum;
        }
    }

    /// <summary>
    /// Subscribes a synchronous handler. Dispose the returned subscription to stop. Each subscription
    /// delivers on a lane thread of its own, below the request threads' priority (<see cref="LaneThread"/>),
    /// so subscribe once per consumer, not per request.
    /// </summary>
    public Subscription Subscribe(Action<TracehoundEvent> handler, string? name = null, int capacity = DefaultCapacity)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return Subscribe(
            (e, _) =>
            {
                handler(e);
                return ValueTask.CompletedTask;
            },
            name,
            capacity);
    }

    /// <summary>
    /// Subscribes an asynchronous handler. Dispose the returned subscription to stop. Delivery waits for
    /// each handler call to complete, on the subscription's own lane thread (<see cref="LaneThread"/>).
    /// </summary>
    public Subscription Subscribe(Func<TracehoundEvent, CancellationToken, ValueTask> handler, string? name = null, int capacity = DefaultCapacity)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        var subscription = new Subscription(this, handler, name ?? "subscriber", capacity);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _subscriptions = [.. _subscriptions, subscription];
        }

        return subscription;
    }

    /// <summary>Waits until every event published before the call was handled by every subscriber.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        foreach (var s in Volatile.Read(ref _subscriptions))
        {
            await s.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Stops accepting subscribers, delivers what is queued and ends every subscription.</summary>
    public async ValueTask DisposeAsync()
    {
        Subscription[] subscriptions;
        lock (_gate)
        {
            _disposed = true;
            subscriptions = _subscriptions;
        }

        foreach (var s in subscriptions)
        {
            await s.DisposeAsync().ConfigureAwait(false);
        }
    }

    internal void Publish(TracehoundEvent e)
    {
        Interlocked.Increment(ref _published);
        foreach (var s in Volatile.Read(ref _subscriptions))
        {
            if (!s.Offer(e))
            {
                Interlocked.Increment(ref _dropped);
            }
        }
    }

    internal void Remove(Subscription subscription)
    {
        lock (_gate)
        {
            _subscriptions = [.. _subscriptions.Where(s => !ReferenceEquals(s, subscription))];
        }
    }
}
