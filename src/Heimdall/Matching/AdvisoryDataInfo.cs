namespace Heimdall.Matching;

/// <summary>Where a scan's advisories came from and how old they are.</summary>
/// <param name="Source">The store directory or the advisory directory/zip given on the command line.</param>
/// <param name="UpdatedAt">The import time (store) or newest file time (direct source).</param>
/// <param name="Count">Advisories available.</param>
/// <param name="Rejected">Records of the source that were not valid OSV and were left out.</param>
public sealed record AdvisoryDataInfo(string Source, DateTimeOffset? UpdatedAt, int Count, int Rejected = 0)
{
    /// <summary>The age at <paramref name="now"/>, when known.</summary>
    public TimeSpan? AgeAt(DateTimeOffset now) => UpdatedAt is { } at ? now - at : null;
}
