using Heimdall.Advisories;
using Heimdall.Heuristics;
using Heimdall.Packages;
using Heimdall.Policy;

namespace Heimdall.Matching;

/// <summary>Everything a scan evaluates.</summary>
public sealed record ScanRequest
{
    /// <summary>What was read.</summary>
    public required Inventory Inventory { get; init; }

    /// <summary>The advisories to match.</summary>
    public required AdvisoryIndex Advisories { get; init; }

    /// <summary>Where the advisories came from.</summary>
    public required AdvisoryDataInfo AdvisoryData { get; init; }

    /// <summary>The scan time (from the caller's <see cref="TimeProvider"/>).</summary>
    public required DateTimeOffset Now { get; init; }

    /// <summary>Heuristic settings.</summary>
    public HeuristicOptions Heuristics { get; init; } = new();

    /// <summary>From which severity findings fail.</summary>
    public FailThreshold Threshold { get; init; } = FailThreshold.Default;

    /// <summary>An earlier scan whose findings are not reported again.</summary>
    public Baseline? Baseline { get; init; }

    /// <summary>Accepted risks.</summary>
    public IReadOnlyList<Suppression> Suppressions { get; init; } = [];

    /// <summary>NuGet content hashes seen by earlier scans (for drift over time).</summary>
    public IReadOnlyDictionary<string, string>? KnownContentHashes { get; init; }
}
