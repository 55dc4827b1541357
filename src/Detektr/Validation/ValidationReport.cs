namespace Detektr.Validation;

/// <summary>The outcome of a validation: one result per spec, in the order given.</summary>
public sealed record ValidationReport
{
    /// <summary>The specs' results.</summary>
    public required IReadOnlyList<SpecResult> Specs { get; init; }

    /// <summary>When the validation started.</summary>
    public required DateTimeOffset StartedUtc { get; init; }

    /// <summary>Wall time of the whole validation.</summary>
    public required TimeSpan Duration { get; init; }

    /// <summary>How many detonations ran at once at most.</summary>
    public required int Parallelism { get; init; }

    /// <summary>True when every expectation of every spec passed.</summary>
    public bool Passed => Specs.All(s => s.Passed);

    /// <summary>Expectations judged.</summary>
    public int Expectations => Specs.Sum(s => s.Results.Count);

    /// <summary>Expectations that failed.</summary>
    public int Failures => Specs.Sum(s => s.Failures);

    /// <summary>Expectations that could not be judged.</summary>
    public int Errors => Specs.Sum(s => s.Errors);
}
