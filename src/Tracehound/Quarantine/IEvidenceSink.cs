namespace Tracehound;

/// <summary>
/// Where evacuated evidence goes: cold storage, an analyst's queue, a SIEM. The sink must copy what it
/// keeps (through <see cref="Evidence.TryRevealPayload"/>) before the returned task completes: the
/// quarantine zeroes the bytes afterwards.
/// </summary>
public interface IEvidenceSink
{
    /// <summary>The destination's name, recorded in the lifecycle event.</summary>
    string Name { get; }

    /// <summary>Takes the evidence. Throwing leaves the evidence in the quarantine.</summary>
    ValueTask AcceptAsync(Evidence evidence, CancellationToken cancellationToken);
}
