namespace Heimdall.Reports;

/// <summary>Presentation settings shared by the report writers.</summary>
public sealed record ReportOptions
{
    /// <summary>How the scan root is named in reports (the path as the user gave it).</summary>
    public string? RootLabel { get; init; }

    /// <summary>The tool version written into reports.</summary>
    public string ToolVersion { get; init; } = ToolInfo.Version;
}
