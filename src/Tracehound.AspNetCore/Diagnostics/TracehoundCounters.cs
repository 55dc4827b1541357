namespace Tracehound.AspNetCore;

/// <summary>
/// What the ASP.NET Core integration counted beside the agent's own counters: spoofed and malformed
/// upstream signals, detector faults and timeouts, late flags, fail-open passes and admin access. A
/// singleton in DI; <see cref="Snapshot"/> is what the admin <c>stats</c> endpoint reports.
/// </summary>
public sealed class TracehoundCounters
{
    private long _spoofedUntrustedSource;
    private long _spoofedInvalidMac;
    private long _malformedSignals;
    private long _acceptedSignals;
    private long _detectorSignals;
    private long _detectorTimeouts;
    private long _detectorFaults;
    private long _lateFlags;
    private long _lateFlagsAfterResponseStarted;
    private long _failOpen;
    private long _adminDenied;
    private long _payloadReveals;

    /// <summary>The counts now.</summary>
    public TracehoundCountersSnapshot Snapshot() => new(
        Interlocked.Read(ref _spoofedUntrustedSource),
        Interlocked.Read(ref _spoofedInvalidMac),
        Interlocked.Read(ref _malformedSignals),
        Interlocked.Read(ref _acceptedSignals),
        Interlocked.Read(ref _detectorSignals),
        Interlocked.Read(ref _detectorTimeouts),
        Interlocked.Read(ref _detectorFaults),
        Interlocked.Read(ref _lateFlags),
        Interlocked.Read(ref _lateFlagsAfterResponseStarted),
        Interlocked.Read(ref _failOpen),
        Interlocked.Read(ref _adminDenied),
        Interlocked.Read(ref _payloadReveals));

    internal void UpstreamSignal(UpstreamSignalOutcome outcome)
    {
        switch (outcome)
        {
            case UpstreamSignalOutcome.Accepted: Interlocked.Increment(ref _acceptedSignals); break;
            case UpstreamSignalOutcome.UntrustedSource: Interlocked.Increment(ref _spoofedUntrustedSource); break;
            case UpstreamSignalOutcome.InvalidMac: Interlocked.Increment(ref _spoofedInvalidMac); break;
            case UpstreamSignalOutcome.Malformed: Interlocked.Increment(ref _malformedSignals); break;
            default: break;
        }
    }

    internal void DetectorSignal() => Interlocked.Increment(ref _detectorSignals);

    internal void DetectorTimeout() => Interlocked.Increment(ref _detectorTimeouts);

    internal void DetectorFault() => Interlocked.Increment(ref _detectorFaults);

    internal void LateFlag(bool responseStarted)
    {
        Interlocked.Increment(ref _lateFlags);
        if (responseStarted)
        {
            Interlocked.Increment(ref _lateFlagsAfterResponseStarted);
        }
    }

    internal void FailOpen() => Interlocked.Increment(ref _failOpen);

    internal void AdminDenied() => Interlocked.Increment(ref _adminDenied);

    internal void PayloadRevealed() => Interlocked.Increment(ref _payloadReveals);
}

/// <summary>The integration's counts since start.</summary>
/// <param name="SpoofedUntrustedSource">Signal headers sent by a peer that is not a trusted proxy (ignored).</param>
/// <param name="SpoofedInvalidMac">Signal headers from a trusted proxy with a missing or wrong MAC (ignored).</param>
/// <param name="MalformedSignals">Signal headers from a trusted proxy with unreadable values (ignored).</param>
/// <param name="AcceptedSignals">Upstream signals believed.</param>
/// <param name="DetectorSignals">Signals raised by registered detectors.</param>
/// <param name="DetectorTimeouts">Asynchronous detectors abandoned at their budget (the request went on).</param>
/// <param name="DetectorFaults">Detectors that threw (the request went on).</param>
/// <param name="LateFlags">Requests flagged by the application after the fact.</param>
/// <param name="LateFlagsAfterResponseStarted">Of those, flags raised once the response had started.</param>
/// <param name="FailOpen">Requests let through because Tracehound answered Error.</param>
/// <param name="AdminDenied">Admin requests refused (address, token or permission).</param>
/// <param name="PayloadReveals">Payloads revealed through the admin endpoint.</param>
public sealed record TracehoundCountersSnapshot(
    long SpoofedUntrustedSource,
    long SpoofedInvalidMac,
    long MalformedSignals,
    long AcceptedSignals,
    long DetectorSignals,
    long DetectorTimeouts,
    long DetectorFaults,
    long LateFlags,
    long LateFlagsAfterResponseStarted,
    long FailOpen,
    long AdminDenied,
    long PayloadReveals)
{
    /// <summary>Spoof attempts of either kind.</summary>
    public long SpoofAttempts => SpoofedUntrustedSource + SpoofedInvalidMac;
}
