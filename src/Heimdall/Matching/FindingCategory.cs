namespace Heimdall.Matching;

/// <summary>Findings are reported in two separate groups.</summary>
public enum FindingCategory
{
    /// <summary>A known vulnerability from an advisory.</summary>
    Vulnerability,

    /// <summary>A suspicious trait found by a heuristic, or a known-malicious package.</summary>
    Suspicious,
}
