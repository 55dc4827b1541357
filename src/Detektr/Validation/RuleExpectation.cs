namespace Detektr.Validation;

/// <summary>A detection rule, named by id or title, must fire (or must not fire) on the run.</summary>
public sealed record RuleExpectation : Expectation
{
    /// <summary>The rule's id or title, as written in the spec (matched case-insensitively).</summary>
    public required string Selector { get; init; }

    /// <summary>True for "must fire", false for "must not fire".</summary>
    public required bool MustFire { get; init; }

    /// <inheritdoc />
    public override string KindId => MustFire ? ExpectationKinds.RuleFires : ExpectationKinds.RuleSilent;

    /// <inheritdoc />
    public override string Describe() => MustFire ? $"fires '{Selector}'" : $"does not fire '{Selector}'";
}
