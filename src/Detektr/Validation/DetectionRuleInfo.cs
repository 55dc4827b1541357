namespace Detektr.Validation;

/// <summary>A detection rule as validation specs name it.</summary>
/// <param name="Id">The rule's id, when it has one.</param>
/// <param name="Title">The rule's title.</param>
/// <param name="Level">The rule's level, when set.</param>
/// <param name="Source">Where the rule is written (<c>file:line:column</c>).</param>
public sealed record DetectionRuleInfo(string? Id, string Title, string? Level, string Source)
{
    /// <summary>True when <paramref name="selector"/> is the rule's id or title (case-insensitive).</summary>
    public bool IsNamedBy(string selector) =>
        string.Equals(Id, selector, StringComparison.OrdinalIgnoreCase) || string.Equals(Title, selector, StringComparison.OrdinalIgnoreCase);

    /// <summary>True when <paramref name="detection"/> is a match of this rule.</summary>
    public bool Produced(DetectionRecord detection)
    {
        ArgumentNullException.ThrowIfNull(detection);
        return Id is not null
            ? string.Equals(detection.RuleId, Id, StringComparison.Ordinal)
            : detection.RuleId is null && string.Equals(detection.Title, Title, StringComparison.Ordinal);
    }

    /// <summary><c>id (title)</c>, or the title.</summary>
    public override string ToString() => Id is null ? $"'{Title}'" : $"{Id} '{Title}'";
}
