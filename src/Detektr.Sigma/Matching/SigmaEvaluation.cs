namespace Detektr.Sigma.Matching;

/// <summary>The result of evaluating one rule over one event.</summary>
/// <param name="Outcome">Matched, not matched, not applicable, or failed.</param>
/// <param name="Error">Why evaluation failed, for <see cref="SigmaOutcome.Error"/>; otherwise null.</param>
public readonly record struct SigmaEvaluation(SigmaOutcome Outcome, string? Error)
{
    /// <summary>True when the rule matched.</summary>
    public bool IsMatch => Outcome == SigmaOutcome.Match;
}
