namespace Heimdall.Advisories;

/// <summary>Qualitative severity, in increasing order.</summary>
public enum SeverityLevel
{
    /// <summary>The record gives no usable severity.</summary>
    Unknown = 0,

    /// <summary>CVSS 0.1–3.9, GHSA LOW.</summary>
    Low = 1,

    /// <summary>CVSS 4.0–6.9, GHSA MODERATE.</summary>
    Medium = 2,

    /// <summary>CVSS 7.0–8.9, GHSA HIGH.</summary>
    High = 3,

    /// <summary>CVSS 9.0–10.0, GHSA CRITICAL, malicious packages.</summary>
    Critical = 4,
}

/// <summary>Text forms of <see cref="SeverityLevel"/>.</summary>
public static class SeverityLevels
{
    /// <summary>Lower-case name: <c>unknown</c>, <c>low</c>, <c>medium</c>, <c>high</c>, <c>critical</c>.</summary>
    public static string ToName(this SeverityLevel level) => level switch
    {
        SeverityLevel.Low => "low",
        SeverityLevel.Medium => "medium",
        SeverityLevel.High => "high",
        SeverityLevel.Critical => "critical",
        _ => "unknown",
    };

    /// <summary>Reads a severity name, accepting GHSA's <c>MODERATE</c> for medium; case-insensitive.</summary>
    public static bool TryParse(string? text, out SeverityLevel level)
    {
        switch (text?.Trim().ToUpperInvariant())
        {
            case "LOW":
                level = SeverityLevel.Low;
                return true;
            case "MEDIUM" or "MODERATE":
                level = SeverityLevel.Medium;
                return true;
            case "HIGH":
                level = SeverityLevel.High;
                return true;
            case "CRITICAL":
                level = SeverityLevel.Critical;
                return true;
            default:
                level = SeverityLevel.Unknown;
                return false;
        }
    }

    /// <summary>The CVSS v3 qualitative rating of a base score.</summary>
    public static SeverityLevel FromCvssScore(double score) => score switch
    {
        >= 9.0 => SeverityLevel.Critical,
        >= 7.0 => SeverityLevel.High,
        >= 4.0 => SeverityLevel.Medium,
        > 0.0 => SeverityLevel.Low,
        _ => SeverityLevel.Unknown,
    };
}
