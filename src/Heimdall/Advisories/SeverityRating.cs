namespace Heimdall.Advisories;

/// <summary>The severity Heimdall assigns an advisory, and where it came from.</summary>
/// <param name="Level">The qualitative level.</param>
/// <param name="Score">The CVSS base score when computed from a vector.</param>
/// <param name="Vector">The CVSS vector string, when the record has one.</param>
/// <param name="Method">Where the level came from: <c>CVSSv31</c>, <c>CVSSv3</c>, <c>CVSSv2</c>, <c>CVSSv4</c>, <c>database</c>, <c>none</c>.</param>
public sealed record SeverityRating(SeverityLevel Level, double? Score, string? Vector, string Method)
{
    /// <summary>No severity information.</summary>
    public static SeverityRating None { get; } = new(SeverityLevel.Unknown, null, null, "none");
}
