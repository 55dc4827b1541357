using System.Text.RegularExpressions;
using Detektr.Sigma.Detection;
using Detektr.Sigma.Events;
using Detektr.Sigma.Loading;
using Detektr.Sigma.Logsources;
using Detektr.Sigma.Matching;

namespace Detektr.Sigma.Rules;

/// <summary>
/// A loaded Sigma rule: its metadata and its compiled detection, ready to be evaluated over events
/// of the Detektr event type its log source maps to. Immutable and safe to share between threads.
/// </summary>
public sealed class SigmaRule
{
    private static readonly SigmaEvaluation NotApplicable = new(SigmaOutcome.NotApplicable, null);
    private static readonly SigmaEvaluation NoMatch = new(SigmaOutcome.NoMatch, null);
    private static readonly SigmaEvaluation Matched = new(SigmaOutcome.Match, null);

    private readonly DetectionNode _detection;
    private readonly KeyValuePair<string, string>[] _fieldConditions;

    internal SigmaRule(SigmaRuleMetadata metadata, SigmaLogsourceMapping mapping, DetectionNode detection,
        IReadOnlySet<string> referencedFields, IReadOnlyList<SigmaProblem> warnings)
    {
        Metadata = metadata;
        Mapping = mapping;
        _detection = detection;
        _fieldConditions = [.. mapping.FieldConditions];
        ReferencedFields = referencedFields;
        Warnings = warnings;
    }

    /// <summary>The rule's descriptive fields (id, title, level, tags...).</summary>
    public SigmaRuleMetadata Metadata { get; }

    /// <summary>The rule id; null when the rule has none.</summary>
    public string? Id => Metadata.Id;

    /// <summary>The rule title.</summary>
    public string Title => Metadata.Title;

    /// <summary>The rule level; null when not given.</summary>
    public SigmaLevel? Level => Metadata.Level;

    /// <summary>The id when there is one, else the title: how reports name the rule.</summary>
    public string DisplayName => Metadata.Id ?? Metadata.Title;

    /// <summary>Where the rule was read from.</summary>
    public SourcePosition Source => Metadata.Source;

    /// <summary>The log source row the rule was mapped with.</summary>
    public SigmaLogsourceMapping Mapping { get; }

    /// <summary>The Detektr event type the rule applies to.</summary>
    public string EventType => Mapping.EventType;

    /// <summary>The event fields the detection reads.</summary>
    public IReadOnlySet<string> ReferencedFields { get; }

    /// <summary>Non-fatal findings about the rule (unused identifiers, fields its events never carry).</summary>
    public IReadOnlyList<SigmaProblem> Warnings { get; }

    /// <summary>Evaluates the rule over one event. Never throws for a well-formed event.</summary>
    public SigmaEvaluation Evaluate(ISigmaEvent evt)
    {
        ArgumentNullException.ThrowIfNull(evt);
        if (!evt.TryGetField("EventType", out SigmaValue type) || !string.Equals(type.Text, Mapping.EventType, StringComparison.Ordinal))
        {
            return NotApplicable;
        }

        return EvaluateApplicable(evt);
    }

    /// <summary>True when the rule matches the event.</summary>
    public bool Matches(ISigmaEvent evt) => Evaluate(evt).IsMatch;

    /// <summary>Evaluates the rule over an event already known to be of its event type.</summary>
    internal SigmaEvaluation EvaluateApplicable(ISigmaEvent evt)
    {
        foreach (KeyValuePair<string, string> condition in _fieldConditions)
        {
            if (!evt.TryGetField(condition.Key, out SigmaValue value)
                || !string.Equals(value.Text, condition.Value, StringComparison.OrdinalIgnoreCase))
            {
                return NotApplicable;
            }
        }

        try
        {
            return _detection.Evaluate(evt) ? Matched : NoMatch;
        }
        catch (RegexMatchTimeoutException e)
        {
            return new SigmaEvaluation(SigmaOutcome.Error,
                $"regular expression '{e.Pattern}' ran longer than {e.MatchTimeout.TotalMilliseconds:0} ms");
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"{DisplayName} ({Title})";
}
