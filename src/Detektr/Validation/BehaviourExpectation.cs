namespace Detektr.Validation;

/// <summary>A behaviour must occur (or must not occur) in the run.</summary>
public sealed record BehaviourExpectation : Expectation
{
    /// <summary>The behaviour.</summary>
    public required Behaviour Behaviour { get; init; }

    /// <summary>True for "must occur", false for "must not occur".</summary>
    public required bool MustOccur { get; init; }

    /// <inheritdoc />
    public override string KindId => MustOccur ? ExpectationKinds.BehaviourOccurs : ExpectationKinds.BehaviourAbsent;

    /// <inheritdoc />
    public override string Describe()
    {
        var outcome = Behaviour.Outcome == OutcomeFilter.Success || (Behaviour is DnsBehaviour && Behaviour.Outcome == OutcomeFilter.Any)
            ? string.Empty
            : $" ({Behaviour.Outcome})";
        return (MustOccur ? "occurs: " : "does not occur: ") + Behaviour.Describe() + outcome;
    }
}
