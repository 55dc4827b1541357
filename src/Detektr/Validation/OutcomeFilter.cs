namespace Detektr.Validation;

/// <summary>Which outcomes of an observed behaviour count: <c>success</c> (carried out), <c>failed</c>
/// (attempted and refused, whatever the reason), <c>any</c>, or one outcome by name (<c>EROFS</c>,
/// <c>ENETUNREACH</c>, <c>in_progress</c>, <c>unanswered</c>).</summary>
public readonly record struct OutcomeFilter
{
    private const string AnyName = "any";
    private const string FailedName = "failed";

    private OutcomeFilter(string name) => Name = name;

    /// <summary>Carried out.</summary>
    public static OutcomeFilter Success { get; } = new(Observation.Success);

    /// <summary>Attempted and refused.</summary>
    public static OutcomeFilter Failed { get; } = new(FailedName);

    /// <summary>Every outcome.</summary>
    public static OutcomeFilter Any { get; } = new(AnyName);

    /// <summary>The filter as written in a spec.</summary>
    public string Name { get; }

    /// <summary>Parses <c>success</c>, <c>failed</c>, <c>any</c> (case-insensitive), or an outcome name:
    /// an errno (upper-case letters, <c>EROFS</c>), <c>in_progress</c> or <c>unanswered</c>.</summary>
    public static bool TryParse(string? text, out OutcomeFilter filter)
    {
        filter = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var lower = text.Trim().ToLowerInvariant();
        switch (lower)
        {
            case Observation.Success: filter = Success; return true;
            case FailedName: filter = Failed; return true;
            case AnyName: filter = Any; return true;
            case "in_progress" or "unanswered": filter = new OutcomeFilter(lower); return true;
        }

        var upper = text.Trim().ToUpperInvariant();
        if (upper.Length > 1 && upper[0] == 'E' && upper.All(char.IsAsciiLetterUpper))
        {
            filter = new OutcomeFilter(upper);
            return true;
        }

        return false;
    }

    /// <summary>True when an observation with <paramref name="outcome"/> counts.</summary>
    public bool Accepts(string outcome) => Name switch
    {
        AnyName => true,
        FailedName => !string.Equals(outcome, Observation.Success, StringComparison.Ordinal),
        null => string.Equals(outcome, Observation.Success, StringComparison.Ordinal),
        _ => string.Equals(outcome, Name, StringComparison.Ordinal),
    };

    /// <inheritdoc />
    public override string ToString() => Name ?? Observation.Success;
}
