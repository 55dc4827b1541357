using System.Runtime.InteropServices;

namespace Tracehound;

/// <summary>
/// Dedicated threads for background lanes (compression, subscribers, storage writers), run below the
/// request path's scheduling priority. Under a flood on a small machine the lanes would otherwise take
/// CPU time from the threads that answer requests (measured on 2 cores: the persistent threat path fell
/// to 0.45 of the in-memory one, with 2 ms stalls at p99.9); at a lower priority the lanes yield, their
/// backlog grows and, when a queue is full, drops are counted and alerted, which is the fail-open trade.
/// </summary>
public static partial class LaneThread
{
    /// <summary>The nice value lane threads run at on Linux (0 is the default; 19 the lowest priority).</summary>
    public const int LinuxNiceValue = 10;

    /// <summary>
    /// Starts <paramref name="body"/> on a new background thread named <paramref name="name"/>, at lane
    /// priority unless <paramref name="lowerPriority"/> is false. The task completes when the body
    /// returns, or faults with what it threw.
    /// </summary>
    /// <param name="name">The thread's name, for diagnostics.</param>
    /// <param name="body">The lane's loop.</param>
    /// <param name="lowerPriority">
    /// False for a lane whose work makes the request path cheaper rather than dearer (compression shrinks
    /// what the garbage collector has to move), which keeps the caller's priority.
    /// </param>
    public static Task Start(string name, Action body, bool lowerPriority = true)
    {
        ArgumentNullException.ThrowIfNull(body);
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            if (lowerPriority)
            {
                LowerCurrentThreadPriority();
            }

            try
            {
                body();
                finished.TrySetResult();
            }
#pragma warning disable CA1031 // The failure is handed to whoever awaits the lane; it must not end the process.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                finished.TrySetException(exception);
            }
        })
        {
            IsBackground = true,
            Name = name,
        };
        thread.Start();
        return finished.Task;
    }

    /// <summary>
    /// Lowers the calling thread's scheduling priority to lane priority. Linux only (elsewhere, and where
    /// the call is refused, the thread keeps its priority). True when the thread now runs at lane priority
    /// or lower; a thread already below lane priority is left as it is.
    /// </summary>
    /// <remarks>
    /// <see cref="Thread.Priority"/> has no effect on Linux, hence setpriority(2), which Linux applies to the
    /// one thread whose id it is given. Raising a nice value needs no privilege.
    /// </remarks>
    public static bool LowerCurrentThreadPriority()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            var thread = GetThreadId();
            // getpriority may return -1 as a real nice value, so errno tells failure apart.
            Marshal.SetLastPInvokeError(0);
            var current = GetPriority(PriorityProcess, thread);
            if (current == -1 && Marshal.GetLastPInvokeError() != 0)
            {
                return false;
            }

            // Never raise a priority: a thread already below lane priority stays where it is.
            return current >= LinuxNiceValue || SetPriority(PriorityProcess, thread, LinuxNiceValue) == 0;
        }
#pragma warning disable CA1031 // A libc without these entry points leaves the thread as it is.
        catch (Exception)
#pragma warning restore CA1031
        {
            return false;
        }
    }

    private const int PriorityProcess = 0;

    [LibraryImport("libc", EntryPoint = "getpriority", SetLastError = true)]
    private static partial int GetPriority(int which, int who);

    [LibraryImport("libc", EntryPoint = "setpriority")]
    private static partial int SetPriority(int which, int who, int priority);

    [LibraryImport("libc", EntryPoint = "gettid")]
    private static partial int GetThreadId();
}
