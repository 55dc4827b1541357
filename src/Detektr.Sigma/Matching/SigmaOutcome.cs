namespace Detektr.Sigma.Matching;

/// <summary>What evaluating one rule over one event gave.</summary>
public enum SigmaOutcome
{
    /// <summary>The event is not of the rule's event type (or fails its log source conditions).</summary>
    NotApplicable,

    /// <summary>The rule was evaluated and did not match.</summary>
    NoMatch,

    /// <summary>The rule matched.</summary>
    Match,

    /// <summary>The rule could not be evaluated (a regular expression ran past its time limit).</summary>
    Error,
}
