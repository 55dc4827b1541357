using System.Runtime.InteropServices;

namespace Tracehound;

/// <summary>
/// The answer to one intercept. A value type, so answering a clean request allocates nothing; read
/// <see cref="Status"/> first, then the member it names.
/// </summary>
[StructLayout(LayoutKind.Auto)]
public readonly struct InterceptResult
{
    private InterceptResult(InterceptStatus status, TimeSpan retryAfter = default, long limit = 0, EvidenceHandle handle = default, InterceptError? error = null)
    {
        Status = status;
        RetryAfter = retryAfter;
        Limit = limit;
        Handle = handle;
        Error = error;
    }

    /// <summary>What happened.</summary>
    public InterceptStatus Status { get; }

    /// <summary>For <see cref="InterceptStatus.RateLimited"/>: how long until the source may try again.</summary>
    public TimeSpan RetryAfter { get; }

    /// <summary>For <see cref="InterceptStatus.PayloadTooLarge"/>: the limit in bytes that was exceeded.</summary>
    public long Limit { get; }

    /// <summary>For <see cref="InterceptStatus.Quarantined"/> and <see cref="InterceptStatus.Ignored"/>: the evidence held.</summary>
    public EvidenceHandle Handle { get; }

    /// <summary>For <see cref="InterceptStatus.Quarantined"/> and <see cref="InterceptStatus.Ignored"/>: the signature.</summary>
    public ThreatSignature Signature => Handle.Signature;

    /// <summary>For <see cref="InterceptStatus.Error"/>: what went wrong.</summary>
    public InterceptError? Error { get; }

    /// <summary>A clean result.</summary>
    public static InterceptResult Clean => default;

    /// <summary>A rate-limited result.</summary>
    public static InterceptResult RateLimited(TimeSpan retryAfter) => new(InterceptStatus.RateLimited, retryAfter: retryAfter);

    /// <summary>A payload-too-large result.</summary>
    public static InterceptResult PayloadTooLarge(long limit) => new(InterceptStatus.PayloadTooLarge, limit: limit);

    /// <summary>An ignored result: this evidence is already held.</summary>
    public static InterceptResult Ignored(EvidenceHandle held) => new(InterceptStatus.Ignored, handle: held);

    /// <summary>A quarantined result.</summary>
    public static InterceptResult Quarantined(EvidenceHandle handle) => new(InterceptStatus.Quarantined, handle: handle);

    /// <summary>An error result.</summary>
    public static InterceptResult Failed(InterceptError error) => new(InterceptStatus.Error, error: error);

    /// <inheritdoc />
    public override string ToString() => Status switch
    {
        InterceptStatus.RateLimited => $"RateLimited (retry after {RetryAfter})",
        InterceptStatus.PayloadTooLarge => $"PayloadTooLarge (limit {Limit} bytes)",
        InterceptStatus.Ignored => $"Ignored ({Signature})",
        InterceptStatus.Quarantined => $"Quarantined ({Handle})",
        InterceptStatus.Error => $"Error ({Error?.Code}: {Error?.Message})",
        _ => "Clean",
    };
}
