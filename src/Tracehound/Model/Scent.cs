namespace Tracehound;

/// <summary>
/// One observed request, as Tracehound receives it: an identifier, when and from where it came, its
/// payload and, when an external detector flagged it, the threat signal.
/// </summary>
/// <remarks>
/// The constructor does not validate: a scent with an empty id or source is answered by
/// <see cref="Agent.Intercept(Scent)"/> with an <see cref="InterceptStatus.Error"/> result
/// (<see cref="InterceptErrorCodes.InvalidScent"/>), because the hot path never throws.
/// </remarks>
/// <param name="Id">A unique identifier for the request (e.g. its trace id).</param>
/// <param name="Timestamp">When the request was observed.</param>
/// <param name="Source">Who sent it (typically the client address); the rate limiter's partition key.</param>
/// <param name="Payload">What the request carried.</param>
/// <param name="Signal">The external detector's verdict, or null when no detector flagged the request.</param>
public sealed record Scent(
    string Id,
    DateTimeOffset Timestamp,
    string Source,
    ScentPayload Payload,
    ThreatSignal? Signal = null)
{
    /// <summary>Never prints the payload: only the id, the source and the signal.</summary>
    public override string ToString() =>
        $"Scent {{ Id = {Id}, Source = {Source}, Payload = {Payload}, Signal = {Signal?.ToString() ?? "none"} }}";
}
