using System.Runtime.InteropServices;

namespace Tracehound.AspNetCore;

/// <summary>What a response writer is told about a request Tracehound stops.</summary>
/// <param name="Result">The intercept result: Quarantined, Ignored, RateLimited or PayloadTooLarge.</param>
/// <param name="Signal">The signal acted on (null for a rate-limited request without one).</param>
/// <param name="TraceId">The request's trace id, as recorded in the evidence and logs.</param>
/// <param name="Late">True when the application flagged the request after its endpoint ran.</param>
[StructLayout(LayoutKind.Auto)]
public readonly record struct BlockedRequest(InterceptResult Result, ThreatSignal? Signal, string TraceId, bool Late);
