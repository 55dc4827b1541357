namespace Detektr.Validation;

/// <summary>One detonation of a spec: its own run or a mitigation variant's.</summary>
public sealed record VariantRun
{
    /// <summary>The variant; null for the spec's own run.</summary>
    public MitigationVariant? Variant { get; init; }

    /// <summary>The run id, when the run happened.</summary>
    public string? RunId { get; init; }

    /// <summary>The run directory, when the run happened.</summary>
    public string? Directory { get; init; }

    /// <summary>How the run ended (<c>exited</c>, <c>timeout</c>...), when it happened.</summary>
    public string? Termination { get; init; }

    /// <summary>The artifact's exit code, when it exited.</summary>
    public int? ExitCode { get; init; }

    /// <summary>Events recorded.</summary>
    public long Events { get; init; }

    /// <summary>Rule matches (lines of <c>detections.jsonl</c>).</summary>
    public int Detections { get; init; }

    /// <summary>Detonation and rule evaluation together.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>Why the run could not happen (an invalid request), or problems evaluating its rules.</summary>
    public string? Problem { get; init; }

    /// <summary>The label used in evidence: <c>spec</c> or the variant's name.</summary>
    public string Label => Variant?.Name ?? Evidence.SpecRun;
}
