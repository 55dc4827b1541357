namespace Detektr.Validation;

/// <summary>One detection-as-code test: an artifact to detonate, the sandbox it runs in, what must hold
/// in its run (rules that fire or not, behaviours that occur or not), and mitigation variants that rerun
/// it with a control applied.</summary>
public sealed record ValidationSpec
{
    /// <summary>The test's name.</summary>
    public required string Name { get; init; }

    /// <summary>What the test shows.</summary>
    public string? Description { get; init; }

    /// <summary>The spec file (absolute).</summary>
    public required string File { get; init; }

    /// <summary>What to detonate.</summary>
    public required SpecTarget Target { get; init; }

    /// <summary>The sandbox options.</summary>
    public SpecSandbox Sandbox { get; init; } = new();

    /// <summary>The directory of detection rules the spec's rule expectations name (absolute); null to use
    /// the runner's default.</summary>
    public string? RulesDirectory { get; init; }

    /// <summary>Where <see cref="RulesDirectory"/> is written, for problems with it.</summary>
    public SpecLocation? RulesLocation { get; init; }

    /// <summary>What must hold in the run.</summary>
    public IReadOnlyList<Expectation> Expectations { get; init; } = [];

    /// <summary>The mitigation variants.</summary>
    public IReadOnlyList<MitigationVariant> Mitigations { get; init; } = [];

    /// <summary>Every expectation with the variant it belongs to (null for the spec's own run).</summary>
    public IEnumerable<(MitigationVariant? Variant, Expectation Expectation)> AllExpectations =>
        Expectations.Select(e => ((MitigationVariant?)null, e))
            .Concat(Mitigations.SelectMany(m => m.Expectations.Select(e => ((MitigationVariant?)m, e))));
}
