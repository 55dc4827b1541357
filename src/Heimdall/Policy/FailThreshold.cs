using Heimdall.Advisories;
using Heimdall.Matching;

namespace Heimdall.Policy;

/// <summary>
/// The severity from which findings fail a scan. Findings of unknown severity are gated as high: an
/// advisory without a rating is still an advisory.
/// </summary>
/// <param name="Minimum">The lowest failing severity, or null when no finding fails the scan.</param>
public readonly record struct FailThreshold(SeverityLevel? Minimum)
{
    /// <summary>The level an unknown severity is gated as.</summary>
    public const SeverityLevel UnknownGatedAs = SeverityLevel.High;

    /// <summary>Fails on any finding.</summary>
    public static FailThreshold Default => new(SeverityLevel.Low);

    /// <summary>Reads <c>low</c>, <c>medium</c> (or <c>moderate</c>), <c>high</c>, <c>critical</c> or <c>none</c>.</summary>
    public static bool TryParse(string? text, out FailThreshold threshold)
    {
        if (string.Equals(text, "none", StringComparison.OrdinalIgnoreCase))
        {
            threshold = new FailThreshold(null);
            return true;
        }

        if (SeverityLevels.TryParse(text, out var level))
        {
            threshold = new FailThreshold(level);
            return true;
        }

        threshold = Default;
        return false;
    }

    /// <summary>True when the finding fails the scan.</summary>
    public bool Fails(Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        if (Minimum is not { } minimum)
        {
            return false;
        }

        var level = finding.Severity.Level == SeverityLevel.Unknown ? UnknownGatedAs : finding.Severity.Level;
        return level >= minimum;
    }

    /// <inheritdoc />
    public override string ToString() => Minimum?.ToName() ?? "none";
}
