namespace Detektr.Validation;

/// <summary>The ids of the kinds of expectation, as used for SARIF rules and in JSON reports.</summary>
public static class ExpectationKinds
{
    /// <summary>A rule must fire.</summary>
    public const string RuleFires = "DKV001";

    /// <summary>A rule must not fire.</summary>
    public const string RuleSilent = "DKV002";

    /// <summary>A behaviour must occur.</summary>
    public const string BehaviourOccurs = "DKV003";

    /// <summary>A behaviour must not occur.</summary>
    public const string BehaviourAbsent = "DKV004";

    /// <summary>A mitigation must prevent a behaviour that is still attempted.</summary>
    public const string MitigationPrevents = "DKV005";

    /// <summary>Every kind, with a name and a description.</summary>
    public static IReadOnlyList<(string Id, string Name, string Description)> All { get; } =
    [
        (RuleFires, "rule-fires", "A detection rule must fire on the run's events."),
        (RuleSilent, "rule-silent", "A detection rule must not fire on the run's events."),
        (BehaviourOccurs, "behaviour-occurs", "A behaviour must occur in the run."),
        (BehaviourAbsent, "behaviour-absent", "A behaviour must not occur in the run."),
        (MitigationPrevents, "mitigation-prevents", "With the mitigation applied the behaviour is attempted and prevented, and without it the behaviour occurs."),
    ];
}
