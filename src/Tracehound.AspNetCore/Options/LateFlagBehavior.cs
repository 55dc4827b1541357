namespace Tracehound.AspNetCore;

/// <summary>
/// What happens to a response that had already started when the endpoint flagged its request. The
/// evidence is quarantined either way; only the response differs.
/// </summary>
public enum LateFlagBehavior
{
    /// <summary>Let the response finish as the endpoint wrote it (logged and counted).</summary>
    Complete = 0,

    /// <summary>Abort the connection, so the client receives an incomplete response.</summary>
    Abort = 1,
}
