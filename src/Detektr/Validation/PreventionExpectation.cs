namespace Detektr.Validation;

/// <summary>In a mitigation variant: the behaviour occurs without the mitigation, is attempted with it,
/// and never succeeds with it. All three are needed to show that the control, and not something else,
/// stopped it.</summary>
public sealed record PreventionExpectation : Expectation
{
    /// <summary>The behaviour the mitigation prevents.</summary>
    public required Behaviour Behaviour { get; init; }

    /// <inheritdoc />
    public override string KindId => ExpectationKinds.MitigationPrevents;

    /// <inheritdoc />
    public override string Describe() => "prevents: " + Behaviour.Describe();
}
