namespace Tracehound.AspNetCore;

/// <summary>
/// Tracehound's per-request feature (<c>HttpContext.Features.Get&lt;ITracehoundFeature&gt;()</c>), present
/// while a request passes through <c>UseTracehound</c>. Prefer <c>HttpContext.Flag(...)</c> to calling it.
/// </summary>
public interface ITracehoundFeature
{
    /// <summary>What Tracehound answered before the endpoint ran (Clean, or Error when it failed open).</summary>
    InterceptResult Result { get; }

    /// <summary>The signal Tracehound acted on before the endpoint (an upstream or detector signal), if any.</summary>
    ThreatSignal? Signal { get; }

    /// <summary>The most severe signal raised by the application for this request so far, if any.</summary>
    ThreatSignal? LateSignal { get; }

    /// <summary>
    /// Flags the request after the fact: when the endpoint returns, its evidence is quarantined and, if the
    /// response has not started, the response is replaced by the blocking one. The most severe flag wins.
    /// </summary>
    void Flag(ThreatSignal signal);
}
