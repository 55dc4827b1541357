using System.Threading.Channels;

namespace Tracehound;

/// <summary>
/// How background lanes read their queues without taxing producers. A reader blocked on a channel makes
/// every write wake a thread, and on the request path that wake-up costs more than the work it hands
/// off (measured: the threat path ran at 120k/s with a waiting compression lane, 280k/s polling). So a
/// lane that worked recently polls every few milliseconds; one idle for a while blocks, and the first
/// write after the lull pays a single wake-up. Lanes run on their own <see cref="LaneThread"/>, so the
/// waits here block that thread.
/// </summary>
public static class LanePolling
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(2);
    private static readonly TimeSpan IdleAfter = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Runs <paramref name="handle"/> for every item until the channel is completed and drained.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static void Drain<T>(ChannelReader<T> reader, Action<T> handle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(handle);
        var lastWork = TimeProvider.System.GetTimestamp();
        while (true)
        {
            var worked = false;
            while (reader.TryRead(out var item))
            {
                worked = true;
                handle(item);
            }

            if (worked)
            {
                lastWork = TimeProvider.System.GetTimestamp();
                continue;
            }

            if (reader.Completion.IsCompleted)
            {
                return;
            }

            if (TimeProvider.System.GetElapsedTime(lastWork) < IdleAfter)
            {
                if (cancellationToken.WaitHandle.WaitOne(PollInterval))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }
            else if (!WaitToRead(reader, cancellationToken))
            {
                return;
            }
        }
    }

    /// <summary>Blocks until <paramref name="reader"/> has an item (true) or is completed (false).</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static bool WaitToRead<T>(ChannelReader<T> reader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var waiting = reader.WaitToReadAsync(cancellationToken);
        return waiting.IsCompletedSuccessfully ? waiting.Result : waiting.AsTask().GetAwaiter().GetResult();
    }
}
