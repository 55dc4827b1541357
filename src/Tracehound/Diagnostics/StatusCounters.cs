using System.Runtime.InteropServices;

namespace Tracehound;

/// <summary>
/// One counter per intercept status, each on its own cache line so that request threads counting
/// different outcomes do not contend.
/// </summary>
internal sealed class StatusCounters
{
    // 16 longs = 128 bytes apart: two cache lines, which also defeats adjacent-line prefetching.
    private const int Stride = 16;
    private const int Statuses = 6;
    private readonly long[] _values = new long[(Statuses + 1) * Stride];

    public void Increment(InterceptStatus status) =>
        Interlocked.Increment(ref _values[((int)status + 1) * Stride]);

    public long this[InterceptStatus status] => Interlocked.Read(ref _values[((int)status + 1) * Stride]);

    public InterceptCounts Read() => new(
        this[InterceptStatus.Clean],
        this[InterceptStatus.RateLimited],
        this[InterceptStatus.PayloadTooLarge],
        this[InterceptStatus.Ignored],
        this[InterceptStatus.Quarantined],
        this[InterceptStatus.Error]);
}

/// <summary>Intercepts answered with each status since the agent started.</summary>
/// <param name="Clean">Answered Clean.</param>
/// <param name="RateLimited">Answered RateLimited.</param>
/// <param name="PayloadTooLarge">Answered PayloadTooLarge.</param>
/// <param name="Ignored">Answered Ignored.</param>
/// <param name="Quarantined">Answered Quarantined.</param>
/// <param name="Error">Answered Error.</param>
[StructLayout(LayoutKind.Auto)]
public readonly record struct InterceptCounts(long Clean, long RateLimited, long PayloadTooLarge, long Ignored, long Quarantined, long Error)
{
    /// <summary>All intercepts.</summary>
    public long Total => Clean + RateLimited + PayloadTooLarge + Ignored + Quarantined + Error;
}
