namespace Tracehound;

/// <summary>The outcome of an evacuation.</summary>
public enum EvacuationStatus
{
    /// <summary>The sink took the evidence and the quarantine released it.</summary>
    Evacuated = 0,

    /// <summary>No evidence with that signature is held.</summary>
    NotFound = 1,

    /// <summary>The sink failed; the evidence is still quarantined.</summary>
    SinkFailed = 2,
}

/// <summary>The outcome of an evacuation, with the sink's error when it failed.</summary>
/// <param name="Status">What happened.</param>
/// <param name="Error">The sink's error message, for <see cref="EvacuationStatus.SinkFailed"/>.</param>
public sealed record EvacuationResult(EvacuationStatus Status, string? Error = null);
