namespace Detektr.Validation;

/// <summary>One thing a run recorded that a behaviour matched: the events behind it, what it was, and
/// whether the system carried it out.</summary>
/// <param name="Sequences">Sequence numbers of the events (empty for what only the manifest shows).</param>
/// <param name="Detail">What was observed, for reports (<c>/etc/cron.d/job create EROFS</c>).</param>
/// <param name="Outcome"><c>success</c>, or what stopped it: an errno name (<c>EROFS</c>, <c>EPERM</c>,
/// <c>ENETUNREACH</c>), <c>in_progress</c>, <c>unanswered</c> for a DNS question without an answer.</param>
public sealed record Observation(IReadOnlyList<long> Sequences, string Detail, string Outcome)
{
    /// <summary>The outcome of something the system carried out.</summary>
    public const string Success = "success";

    /// <summary>True when the system carried it out.</summary>
    public bool Succeeded => string.Equals(Outcome, Success, StringComparison.Ordinal);
}
