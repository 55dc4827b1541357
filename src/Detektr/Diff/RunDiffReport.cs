namespace Detektr.Diff;

/// <summary>The comparison of two runs: what each did that the other did not, what both did with
/// different outcomes, and how their set-ups differ.</summary>
public sealed record RunDiffReport
{
    /// <summary>Run A.</summary>
    public required RunDiffSide A { get; init; }

    /// <summary>Run B.</summary>
    public required RunDiffSide B { get; init; }

    /// <summary>How the two runs were set up differently (artifact, command, network mode,
    /// read-only paths, denied system calls, environment, sensor), in words. Context only: these do
    /// not make the runs differ.</summary>
    public required IReadOnlyList<string> SetupDifferences { get; init; }

    /// <summary>Per category: distinct behaviours in each run and how they compare.</summary>
    public required IReadOnlyList<CategoryTally> Categories { get; init; }

    /// <summary>Every behaviour that differs, by category and then description.</summary>
    public required IReadOnlyList<BehaviourDifference> Differences { get; init; }

    /// <summary>True when no behaviour differs.</summary>
    public bool Identical => Differences.Count == 0;
}
