using Detektr.Sigma.Rules;

namespace Detektr.Sigma.Matching;

/// <summary>A rule that could not be evaluated over an event.</summary>
/// <param name="Rule">The rule.</param>
/// <param name="Message">Why evaluation failed.</param>
public sealed record SigmaRuleError(SigmaRule Rule, string Message);
