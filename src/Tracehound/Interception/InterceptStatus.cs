namespace Tracehound;

/// <summary>What the agent did with a scent.</summary>
public enum InterceptStatus
{
    /// <summary>No detector flagged it: nothing was held.</summary>
    Clean = 0,

    /// <summary>Its source exceeded the rate limit; see <see cref="InterceptResult.RetryAfter"/>.</summary>
    RateLimited = 1,

    /// <summary>Its payload exceeded the size limit; see <see cref="InterceptResult.Limit"/>.</summary>
    PayloadTooLarge = 2,

    /// <summary>A known threat again: evidence with this signature is already held.</summary>
    Ignored = 3,

    /// <summary>The evidence was quarantined; see <see cref="InterceptResult.Handle"/>.</summary>
    Quarantined = 4,

    /// <summary>Tracehound could not process it; see <see cref="InterceptResult.Error"/>. Traffic is never blocked for this.</summary>
    Error = 5,
}
