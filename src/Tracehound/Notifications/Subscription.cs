using System.Threading.Channels;

namespace Tracehound;

/// <summary>One subscriber's queue and delivery loop. Dispose to unsubscribe (queued events are delivered first).</summary>
public sealed class Subscription : IDisposable, IAsyncDisposable
{
    private readonly NotificationHub _hub;
    private readonly Func<TracehoundEvent, CancellationToken, ValueTask> _handler;
    private readonly Channel<object> _queue;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;
    private long _dropped;
    private long _delivered;
    private long _faults;
    private int _disposed;

    internal Subscription(NotificationHub hub, Func<TracehoundEvent, CancellationToken, ValueTask> handler, string name, int capacity)
    {
        _hub = hub;
        _handler = handler;
        Name = name;
        _queue = Channel.CreateBounded<object>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
            AllowSynchronousContinuations = false,
        });
        _loop = LaneThread.Start("tracehound-subscriber-" + name, Deliver);
    }

    /// <summary>The subscriber's name, for diagnostics.</summary>
    public string Name { get; }

    /// <summary>Events dropped because this subscriber's queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Events handed to the handler.</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>Exceptions the handler threw.</summary>
    public long Faults => Interlocked.Read(ref _faults);

    /// <summary>Events waiting in the queue.</summary>
    public int Backlog => _queue.Reader.CanCount ? _queue.Reader.Count : 0;

    /// <summary>Waits until every event queued before the call was handled.</summary>
    public Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var marker = new FlushMarker();
        return WriteMarkerAsync(marker, cancellationToken);
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

        _hub.Remove(this);
        _queue.Writer.TryComplete();
        // A handler that blocks forever must not hang disposal: give it a bounded grace period.
        var finished = await Task.WhenAny(_loop, Task.Delay(TimeSpan.FromSeconds(5))).ConfigureAwait(false);
        if (finished != _loop)
        {
            await _stopping.CancelAsync().ConfigureAwait(false);
        }
    }

    internal bool Offer(TracehoundEvent e)
    {
        // TryWrite never waits: on a full queue the event is dropped, never the caller delayed.
        if (_queue.Writer.TryWrite(e))
        {
            return true;
        }

        Interlocked.Increment(ref _dropped);
        return false;
    }

    private async Task WriteMarkerAsync(FlushMarker marker, CancellationToken cancellationToken)
    {
        try
        {
            await _queue.Writer.WriteAsync(marker, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            return;
        }

        await marker.Done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private void Deliver()
    {
        var token = _stopping.Token;
        try
        {
            LanePolling.Drain(_queue.Reader, item => DeliverOne(item, token), token);
        }
        catch (OperationCanceledException)
        {
            // Disposal gave up waiting for a blocked handler.
        }
    }

    private void DeliverOne(object item, CancellationToken token)
    {
        if (item is FlushMarker marker)
        {
            marker.Done.TrySetResult();
            return;
        }

        try
        {
            // The lane has a thread of its own, so a handler that completes asynchronously is waited for here.
            var handled = _handler((TracehoundEvent)item, token);
            if (handled.IsCompletedSuccessfully)
            {
                handled.GetAwaiter().GetResult();
            }
            else
            {
                handled.AsTask().GetAwaiter().GetResult();
            }

            Interlocked.Increment(ref _delivered);
        }
#pragma warning disable CA1031 // A subscriber's failure must never escape into the agent.
        catch (Exception)
#pragma warning restore CA1031
        {
            Interlocked.Increment(ref _faults);
        }
    }

    private sealed class FlushMarker
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
