namespace Detektr.Validation;

/// <summary>The spec's artifact run again with a control applied, and what must hold then.</summary>
public sealed record MitigationVariant
{
    /// <summary>The variant's name (<c>cron.d read-only</c>), unique within its spec.</summary>
    public required string Name { get; init; }

    /// <summary>Where the variant is written.</summary>
    public required SpecLocation Location { get; init; }

    /// <summary>The controls applied.</summary>
    public required MitigationControls Controls { get; init; }

    /// <summary>What must hold in the variant's run: preventions and any other expectation.</summary>
    public IReadOnlyList<Expectation> Expectations { get; init; } = [];
}
