namespace Tracehound;

/// <summary>Where a piece of evidence is in its lifecycle. Every state but <see cref="Quarantined"/> is final.</summary>
public enum EvidenceState
{
    /// <summary>Held in the quarantine.</summary>
    Quarantined = 0,

    /// <summary>Rendered harmless by an operator: the payload bytes were zeroed, a record remains.</summary>
    Neutralized = 1,

    /// <summary>Handed to a sink (cold storage, an analyst) and released from the quarantine.</summary>
    Evacuated = 2,

    /// <summary>Pushed out by the capacity limits or by its time to live.</summary>
    Evicted = 3,

    /// <summary>Deleted on request (flush, erasure); the payload bytes were zeroed.</summary>
    Purged = 4,
}
