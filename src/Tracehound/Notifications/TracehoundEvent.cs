namespace Tracehound;

/// <summary>
/// Something the agent did, delivered to subscribers off the hot path. Events carry metadata and
/// references to evidence, never payload bytes.
/// </summary>
/// <param name="Time">When it happened.</param>
public abstract record TracehoundEvent(DateTimeOffset Time)
{
    /// <summary>A stable snake_case name of the event kind, e.g. <c>quarantined</c>.</summary>
    public abstract string Kind { get; }
}

/// <summary>Evidence was quarantined.</summary>
/// <param name="Time">When it happened.</param>
/// <param name="Evidence">The evidence (metadata; its payload only through <see cref="Evidence.TryRevealPayload"/>).</param>
public sealed record EvidenceQuarantined(DateTimeOffset Time, Evidence Evidence) : TracehoundEvent(Time)
{
    /// <inheritdoc />
    public override string Kind => "quarantined";
}

/// <summary>A known threat came again and was answered <see cref="InterceptStatus.Ignored"/>.</summary>
/// <param name="Time">When it happened.</param>
/// <param name="Signature">The signature already held.</param>
/// <param name="ScentId">The id of the repeated scent.</param>
/// <param name="Source">Who sent it.</param>
public sealed record DuplicateIgnored(DateTimeOffset Time, ThreatSignature Signature, string ScentId, string Source) : TracehoundEvent(Time)
{
    /// <inheritdoc />
    public override string Kind => "ignored";
}

/// <summary>A request was rate-limited.</summary>
/// <param name="Time">When it happened.</param>
/// <param name="Source">The limited source.</param>
/// <param name="RetryAfter">How long until it may try again.</param>
public sealed record SourceRateLimited(DateTimeOffset Time, string Source, TimeSpan RetryAfter) : TracehoundEvent(Time)
{
    /// <inheritdoc />
    public override string Kind => "rate_limited";
}

/// <summary>Evidence was evicted from the quarantine.</summary>
/// <param name="Time">When it happened.</param>
/// <param name="Evidence">The evicted evidence (its bytes are already cleared).</param>
/// <param name="Reason">Why.</param>
public sealed record EvidenceEvicted(DateTimeOffset Time, Evidence Evidence, EvictionReason Reason) : TracehoundEvent(Time)
{
    /// <inheritdoc />
    public override string Kind => "evicted";
}

/// <summary>Evidence was neutralized by an operator.</summary>
/// <param name="Time">When it happened.</param>
/// <param name="Evidence">The evidence (its bytes are already cleared).</param>
/// <param name="Record">What remains of it.</param>
public sealed record EvidenceNeutralized(DateTimeOffset Time, Evidence Evidence, NeutralizationRecord Record) : TracehoundEvent(Time)
{
    /// <inheritdoc />
    public override string Kind => "neutralized";
}

/// <summary>Evidence was handed to a sink and released.</summary>
/// <param name="Time">When it happened.</param>
/// <param name="Evidence">The evidence.</param>
/// <param name="Destination">The sink's name.</param>
public sealed record EvidenceEvacuated(DateTimeOffset Time, Evidence Evidence, string Destination) : TracehoundEvent(Time)
{
    /// <inheritdoc />
    public override string Kind => "evacuated";
}

/// <summary>Evidence was purged (flush or erasure).</summary>
/// <param name="Time">When it happened.</param>
/// <param name="Evidence">The evidence (its bytes are already cleared).</param>
/// <param name="Reason">Why, e.g. <c>flush</c> or <c>erasure</c>.</param>
public sealed record EvidencePurged(DateTimeOffset Time, Evidence Evidence, string Reason) : TracehoundEvent(Time)
{
    /// <inheritdoc />
    public override string Kind => "purged";
}

/// <summary>Something an operator should look at.</summary>
/// <param name="Time">When it happened.</param>
/// <param name="Code">A stable code from <see cref="AlertCodes"/> (integrations add their own).</param>
/// <param name="Severity">How urgent it is.</param>
/// <param name="Message">What happened, without payloads.</param>
/// <param name="Signature">The evidence concerned, if any.</param>
public sealed record Alert(DateTimeOffset Time, string Code, Severity Severity, string Message, ThreatSignature? Signature = null) : TracehoundEvent(Time)
{
    /// <inheritdoc />
    public override string Kind => "alert";
}

/// <summary>The fail-safe level changed.</summary>
/// <param name="Time">When it happened.</param>
/// <param name="Previous">The level before.</param>
/// <param name="Current">The level now.</param>
/// <param name="Reason">What drove it (fill level, memory, error rate).</param>
public sealed record FailSafeLevelChanged(DateTimeOffset Time, FailSafeLevel Previous, FailSafeLevel Current, string Reason) : TracehoundEvent(Time)
{
    /// <inheritdoc />
    public override string Kind => "fail_safe_level_changed";
}

/// <summary>An intercept ended in an error (answered, never thrown).</summary>
/// <param name="Time">When it happened.</param>
/// <param name="Error">What went wrong.</param>
public sealed record InterceptFaulted(DateTimeOffset Time, InterceptError Error) : TracehoundEvent(Time)
{
    /// <inheritdoc />
    public override string Kind => "intercept_error";
}
