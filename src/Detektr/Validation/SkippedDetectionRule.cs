namespace Detektr.Validation;

/// <summary>A rule the detection engine could not load, and why.</summary>
/// <param name="Id">The rule's id, when readable.</param>
/// <param name="Title">The rule's title, when readable.</param>
/// <param name="Source">Where it is written.</param>
/// <param name="Reason">Why it was skipped.</param>
public sealed record SkippedDetectionRule(string? Id, string? Title, string Source, string Reason)
{
    /// <summary>True when <paramref name="selector"/> is the rule's id or title (case-insensitive).</summary>
    public bool IsNamedBy(string selector) =>
        string.Equals(Id, selector, StringComparison.OrdinalIgnoreCase) || string.Equals(Title, selector, StringComparison.OrdinalIgnoreCase);
}
