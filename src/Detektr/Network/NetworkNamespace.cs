using System.Runtime.InteropServices;
using Detektr.Native;

namespace Detektr.Network;

/// <summary>Runs code inside another network namespace. Sockets belong to the namespace they are
/// created in, so the sink creates its sockets on a dedicated thread that has joined the sink's
/// namespace, then returns the thread to the original namespace before it ends.</summary>
internal static class NetworkNamespace
{
    /// <summary>Runs <paramref name="action"/> on a dedicated thread inside the namespace at
    /// <paramref name="namespacePath"/> (such as <c>/run/netns/NAME</c>) and returns its result.</summary>
    public static T Run<T>(string namespacePath, Func<T> action)
    {
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            var original = LibC.Open("/proc/thread-self/ns/net", LibC.O_RDONLY | LibC.O_CLOEXEC);
            var target = LibC.Open(namespacePath, LibC.O_RDONLY | LibC.O_CLOEXEC);
            try
            {
                if (original < 0 || target < 0)
                {
                    throw new IOException($"cannot open network namespace {namespacePath} (errno {Marshal.GetLastPInvokeError()})");
                }

                if (LibC.SetNamespace(target, LibC.CLONE_NEWNET) != 0)
                {
                    throw new IOException($"cannot join network namespace {namespacePath} (errno {Marshal.GetLastPInvokeError()})");
                }

                try
                {
                    result = action();
                }
                finally
                {
                    LibC.SetNamespace(original, LibC.CLONE_NEWNET);
                }
            }
            catch (Exception ex)
            {
                failure = ex;
            }
            finally
            {
                if (original >= 0)
                {
                    LibC.Close(original);
                }

                if (target >= 0)
                {
                    LibC.Close(target);
                }
            }
        })
        {
            IsBackground = true,
            Name = "detektr-netns",
        };
        thread.Start();
        thread.Join();
        if (failure is not null)
        {
            throw new IOException(failure.Message, failure);
        }

        return result;
    }
}
