using System.Collections.Concurrent;

namespace Tracehound.AspNetCore;

/// <summary>
/// Recycles request states without allocating: one state cached per thread (a request that completes
/// synchronously returns it where it took it, with no interlocked operation), and a bounded shared bag for
/// requests that finish on another thread.
/// </summary>
internal sealed class RequestStatePool(int capacity)
{
    [ThreadStatic]
    private static RequestState? t_cached;

    private readonly ConcurrentQueue<RequestState> _shared = new();
    private int _sharedCount;

    public RequestState Rent()
    {
        var state = t_cached;
        if (state is not null)
        {
            t_cached = null;
            return state;
        }

        if (_shared.TryDequeue(out state))
        {
            Interlocked.Decrement(ref _sharedCount);
            return state;
        }

        return new RequestState();
    }

    public void Return(RequestState state)
    {
        if (t_cached is null)
        {
            t_cached = state;
            return;
        }

        if (Interlocked.Increment(ref _sharedCount) <= capacity)
        {
            _shared.Enqueue(state);
            return;
        }

        Interlocked.Decrement(ref _sharedCount);
        state.Dispose();
    }
}
