namespace Tracehound.AspNetCore;

/// <summary>
/// The status codes of the default response writer. For full control replace the
/// <see cref="ITracehoundResponseWriter"/> service.
/// </summary>
public sealed class ResponseOptions
{
    /// <summary>For newly quarantined evidence; default 403.</summary>
    public int QuarantinedStatusCode { get; set; } = 403;

    /// <summary>For a known threat again (evidence already held); default 403, exactly like a fresh one.</summary>
    public int IgnoredStatusCode { get; set; } = 403;

    /// <summary>For a rate-limited source (with <c>Retry-After</c>); default 429.</summary>
    public int RateLimitedStatusCode { get; set; } = 429;

    /// <summary>For a flagged request whose evidence exceeds the payload limit; default 413.</summary>
    public int PayloadTooLargeStatusCode { get; set; } = 413;

    /// <summary>What to do when a flag raised after the endpoint ran finds the response already started.</summary>
    public LateFlagBehavior LateFlagAfterResponseStarted { get; set; } = LateFlagBehavior.Complete;
}
