namespace Detektr.Validation;

/// <summary>The verdict on one expectation, with the evidence behind it.</summary>
public sealed record ExpectationResult
{
    /// <summary>The expectation.</summary>
    public required Expectation Expectation { get; init; }

    /// <summary>The variant it belongs to; null for the spec's own run.</summary>
    public MitigationVariant? Variant { get; init; }

    /// <summary>The verdict.</summary>
    public required Verdict Verdict { get; init; }

    /// <summary>Why, in one sentence (<c>fired on 2 events</c>, <c>not prevented: it succeeded with the mitigation</c>).</summary>
    public required string Summary { get; init; }

    /// <summary>The events behind the verdict.</summary>
    public IReadOnlyList<Evidence> Evidence { get; init; } = [];

    /// <summary>The detection rule a rule expectation resolved to.</summary>
    public DetectionRuleInfo? Rule { get; init; }

    /// <summary>The test case name: the variant in brackets, then the expectation.</summary>
    public string Name => Variant is null ? Expectation.Describe() : $"[{Variant.Name}] {Expectation.Describe()}";
}
