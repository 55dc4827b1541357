namespace Tracehound.AspNetCore;

/// <summary>
/// An asynchronous detector (a model, a remote reputation service) run before the endpoint within
/// <c>Tracehound:Detectors:AsyncBudget</c>. Past the budget, or when it throws, the request goes on without
/// its verdict (fail-open) and the timeout or fault is counted. It may read the body through
/// <see cref="ThreatDetectionContext.ReadBodyAsync"/>, which leaves it readable for the endpoint. A detection
/// that outlives its budget is detached from its request once the request ends: the context then throws
/// <see cref="InvalidOperationException"/> and reads no body, and is never handed to another request.
/// </summary>
public interface IAsyncThreatDetector
{
    /// <summary>The detector's name, recorded in the evidence and in metrics.</summary>
    string Name { get; }

    /// <summary>Returns a signal when the request looks malicious, otherwise null. Honour the token: it fires at the budget.</summary>
    ValueTask<ThreatSignal?> DetectAsync(ThreatDetectionContext context, CancellationToken cancellationToken);
}
