namespace Tracehound.AspNetCore;

/// <summary>What became of an upstream signal header on one request.</summary>
internal enum UpstreamSignalOutcome
{
    /// <summary>No signal header was sent.</summary>
    Absent,

    /// <summary>From a trusted proxy, well formed and (when required) correctly MACed.</summary>
    Accepted,

    /// <summary>Sent by a peer that is not a trusted proxy: a spoof attempt.</summary>
    UntrustedSource,

    /// <summary>From a trusted proxy, but the MAC was missing or wrong: a spoof attempt.</summary>
    InvalidMac,

    /// <summary>From a trusted proxy with a valid MAC (if required), but unreadable values.</summary>
    Malformed,
}
