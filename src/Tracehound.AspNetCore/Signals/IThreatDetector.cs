using Microsoft.AspNetCore.Http;

namespace Tracehound.AspNetCore;

/// <summary>
/// A synchronous detector run on every request before the endpoint, registered in DI
/// (<c>services.AddSingleton&lt;IThreatDetector, MyDetector&gt;()</c>). It sees the request line and
/// headers, must be fast and must not read the body (use <see cref="IAsyncThreatDetector"/> for that).
/// Returning null means "no opinion"; Tracehound itself never decides what is malicious. A detector that
/// throws is skipped for that request (fail-open) and counted.
/// </summary>
public interface IThreatDetector
{
    /// <summary>The detector's name, recorded in the evidence and in metrics.</summary>
    string Name { get; }

    /// <summary>Returns a signal when the request looks malicious, otherwise null.</summary>
    ThreatSignal? Detect(HttpContext context);
}
