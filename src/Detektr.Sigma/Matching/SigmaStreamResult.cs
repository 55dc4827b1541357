namespace Detektr.Sigma.Matching;

/// <summary>What a rule set did over a whole event stream, rule by rule.</summary>
public sealed class SigmaStreamResult
{
    internal SigmaStreamResult(long events, IReadOnlyList<SigmaRuleStreamResult> rules, IReadOnlyList<SigmaStreamError> inputErrors)
    {
        Events = events;
        Rules = rules;
        InputErrors = inputErrors;
    }

    /// <summary>How many events were evaluated.</summary>
    public long Events { get; }

    /// <summary>One result per rule of the set, in set order, fired or not.</summary>
    public IReadOnlyList<SigmaRuleStreamResult> Rules { get; }

    /// <summary>The rules that matched at least one event.</summary>
    public IEnumerable<SigmaRuleStreamResult> Fired => Rules.Where(r => r.Fired);

    /// <summary>Lines that could not be read as events, and events without a usable <c>Sequence</c>.</summary>
    public IReadOnlyList<SigmaStreamError> InputErrors { get; }

    /// <summary>The result of the rule with <paramref name="idOrTitle"/> as its id or title; null when there is none.</summary>
    public SigmaRuleStreamResult? Find(string idOrTitle) =>
        Rules.FirstOrDefault(r => string.Equals(r.Rule.Id, idOrTitle, StringComparison.OrdinalIgnoreCase))
        ?? Rules.FirstOrDefault(r => string.Equals(r.Rule.Title, idOrTitle, StringComparison.Ordinal));
}
