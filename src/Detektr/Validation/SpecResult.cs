namespace Detektr.Validation;

/// <summary>The outcome of one validation spec: its runs and a verdict per expectation.</summary>
public sealed record SpecResult
{
    /// <summary>The spec.</summary>
    public required ValidationSpec Spec { get; init; }

    /// <summary>The spec's own run first, then one per variant.</summary>
    public required IReadOnlyList<VariantRun> Runs { get; init; }

    /// <summary>One verdict per expectation, in spec order.</summary>
    public required IReadOnlyList<ExpectationResult> Results { get; init; }

    /// <summary>Wall time from the first run's start to the last run's end.</summary>
    public required TimeSpan Duration { get; init; }

    /// <summary>When the first run started.</summary>
    public required DateTimeOffset StartedUtc { get; init; }

    /// <summary>True when every expectation passed.</summary>
    public bool Passed => Results.All(r => r.Verdict == Verdict.Passed);

    /// <summary>Expectations that failed.</summary>
    public int Failures => Results.Count(r => r.Verdict == Verdict.Failed);

    /// <summary>Expectations that could not be judged.</summary>
    public int Errors => Results.Count(r => r.Verdict == Verdict.Error);
}
