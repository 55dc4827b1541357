using System.Collections.Frozen;
using Detektr.Sigma.Events;
using Detektr.Sigma.Rules;

namespace Detektr.Sigma.Matching;

/// <summary>
/// A set of rules ready to be matched against events. Rules are grouped by the event type they
/// apply to, so an event is only evaluated by the rules of its <c>EventType</c>. Immutable apart
/// from its error counter, and safe to use from several threads.
/// </summary>
public sealed class CompiledRuleSet
{
    private readonly FrozenDictionary<string, Bucket> _buckets;
    private long _errors;

    /// <summary>Builds a set over <paramref name="rules"/>; results keep their order.</summary>
    public CompiledRuleSet(IEnumerable<SigmaRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        Rules = [.. rules];
        _buckets = Rules
            .Select((rule, index) => (rule, index))
            .GroupBy(r => r.rule.EventType, StringComparer.Ordinal)
            .ToFrozenDictionary(
                g => g.Key,
                g => new Bucket([.. g.Select(r => r.rule)], [.. g.Select(r => r.index)],
                    [.. g.SelectMany(r => r.rule.ReferencedFields).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]),
                StringComparer.Ordinal);
    }

    /// <summary>The rules, in the order results are reported.</summary>
    public IReadOnlyList<SigmaRule> Rules { get; }

    /// <summary>The event types some rule applies to.</summary>
    public IEnumerable<string> EventTypes => _buckets.Keys;

    /// <summary>How many rule evaluations failed so far (see <see cref="SigmaOutcome.Error"/>).</summary>
    public long EvaluationErrors => Interlocked.Read(ref _errors);

    /// <summary>The rules that match <paramref name="evt"/>, in set order. Allocates only when something matches.</summary>
    public IReadOnlyList<SigmaRule> Match(ISigmaEvent evt)
    {
        List<SigmaRule>? matches = null;
        if (TryGetBucket(evt, out Bucket? bucket))
        {
            foreach (SigmaRule rule in bucket.Rules)
            {
                SigmaEvaluation result = rule.EvaluateApplicable(evt);
                if (result.Outcome == SigmaOutcome.Match)
                {
                    (matches ??= []).Add(rule);
                }
                else if (result.Outcome == SigmaOutcome.Error)
                {
                    Interlocked.Increment(ref _errors);
                }
            }
        }

        return matches is null ? [] : matches;
    }

    /// <summary>
    /// Adds the rules that match <paramref name="evt"/> to <paramref name="matches"/> (and failures to
    /// <paramref name="errors"/> when given) without allocating; returns how many matched.
    /// </summary>
    public int Match(ISigmaEvent evt, ICollection<SigmaRule> matches, ICollection<SigmaRuleError>? errors = null)
    {
        ArgumentNullException.ThrowIfNull(matches);
        if (!TryGetBucket(evt, out Bucket? bucket))
        {
            return 0;
        }

        int count = 0;
        foreach (SigmaRule rule in bucket.Rules)
        {
            SigmaEvaluation result = rule.EvaluateApplicable(evt);
            if (result.Outcome == SigmaOutcome.Match)
            {
                matches.Add(rule);
                count++;
            }
            else if (result.Outcome == SigmaOutcome.Error)
            {
                Interlocked.Increment(ref _errors);
                errors?.Add(new SigmaRuleError(rule, result.Error ?? "evaluation failed"));
            }
        }

        return count;
    }

    internal bool TryGetBucket(ISigmaEvent evt, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Bucket? bucket)
    {
        ArgumentNullException.ThrowIfNull(evt);
        if (evt.TryGetField("EventType", out SigmaValue type) && type.Text is string name && _buckets.TryGetValue(name, out bucket))
        {
            return true;
        }

        bucket = null;
        return false;
    }

    internal void CountError() => Interlocked.Increment(ref _errors);

    /// <summary>The rules of one event type, with their positions in <see cref="Rules"/> and the fields they read.</summary>
    internal sealed class Bucket(SigmaRule[] rules, int[] indexes, string[] fields)
    {
        public SigmaRule[] Rules { get; } = rules;

        public int[] Indexes { get; } = indexes;

        public string[] Fields { get; } = fields;
    }
}
