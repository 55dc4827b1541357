namespace Tracehound.AspNetCore;

/// <summary>How the <see cref="IThreatDetector"/>s and <see cref="IAsyncThreatDetector"/>s registered in DI are run.</summary>
public sealed class DetectorOptions
{
    /// <summary>Default time budget of each asynchronous detector: 50 ms.</summary>
    public static readonly TimeSpan DefaultAsyncBudget = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// How long one asynchronous detector may take. Past it the detector is abandoned and the request goes
    /// on without its verdict (fail-open), counted as a timeout.
    /// </summary>
    public TimeSpan AsyncBudget { get; set; } = DefaultAsyncBudget;
}
