using Detektr.Sigma.Rules;

namespace Detektr.Sigma.Matching;

/// <summary>What one rule did over a whole event stream.</summary>
public sealed class SigmaRuleStreamResult
{
    internal SigmaRuleStreamResult(SigmaRule rule, IReadOnlyList<long> matchedSequences, long applicableEvents,
        IReadOnlyList<SigmaStreamError> errors, IReadOnlyList<string> fieldsNeverPresent)
    {
        Rule = rule;
        MatchedSequences = matchedSequences;
        ApplicableEvents = applicableEvents;
        Errors = errors;
        FieldsNeverPresent = fieldsNeverPresent;
    }

    /// <summary>The rule.</summary>
    public SigmaRule Rule { get; }

    /// <summary>The <c>Sequence</c> numbers of the events the rule matched, in stream order.</summary>
    public IReadOnlyList<long> MatchedSequences { get; }

    /// <summary>True when the rule matched at least one event.</summary>
    public bool Fired => MatchedSequences.Count > 0;

    /// <summary>How many events were of the rule's event type (and passed its log source conditions).</summary>
    public long ApplicableEvents { get; }

    /// <summary>Events the rule could not be evaluated over.</summary>
    public IReadOnlyList<SigmaStreamError> Errors { get; }

    /// <summary>
    /// Fields the rule reads that no event of its type carried. A rule that did not fire because of
    /// such a field may be written against another schema rather than being a true negative.
    /// </summary>
    public IReadOnlyList<string> FieldsNeverPresent { get; }
}
