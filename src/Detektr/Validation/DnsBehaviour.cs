using Detektr.Detonation;
using Detektr.Events;

namespace Detektr.Validation;

/// <summary>A DNS question (<c>dns_query</c>) for a name pattern, optionally of one type. Asking is the
/// behaviour, so by default any question counts; its outcome is <c>success</c> when it was answered and
/// <c>unanswered</c> otherwise, which is what a mitigation prevents.</summary>
public sealed record DnsBehaviour : Behaviour
{
    /// <summary>The outcome of a question that got no answer.</summary>
    public const string Unanswered = "unanswered";

    /// <summary>Creates the behaviour; any outcome counts unless set otherwise.</summary>
    public DnsBehaviour() => Outcome = OutcomeFilter.Any;

    /// <summary>Pattern for the name asked for (<c>*.example.net</c>).</summary>
    public required WildcardPattern Query { get; init; }

    /// <summary>The record type (<c>A</c>, <c>TXT</c>); null for any.</summary>
    public string? QueryType { get; init; }

    /// <inheritdoc />
    public override string Kind => "dns";

    /// <inheritdoc />
    public override string Describe() => QueryType is null ? $"dns query {Query}" : $"dns {QueryType} query {Query}";

    /// <inheritdoc />
    public override IReadOnlyList<Observation> Observe(RunResult run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run.Events.OfType<DnsQueryEvent>()
            .Where(e => Query.IsMatch(e.QueryName) &&
                        (QueryType is null || string.Equals(e.QueryType, QueryType, StringComparison.OrdinalIgnoreCase)))
            .Select(e => new Observation([e.Sequence.Value],
                $"{e.QueryType ?? "?"} {e.QueryName} -> {e.QueryResults ?? "no answer"}",
                string.IsNullOrEmpty(e.QueryResults) ? Unanswered : Observation.Success))
            .ToList();
    }
}
