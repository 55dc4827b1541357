using Heimdall.Packages;

namespace Heimdall.Monitoring;

/// <summary>One project the monitor keeps: its package set and the findings already reported.</summary>
public sealed class MonitoredProject
{
    /// <summary>The absolute path that was scanned.</summary>
    public required string Root { get; init; }

    /// <summary>When its sources were last read.</summary>
    public required DateTimeOffset ScannedAt { get; set; }

    /// <summary>The files read at that time.</summary>
    public required List<FileInventory> Files { get; set; }

    /// <summary>Fingerprints of findings already reported.</summary>
    public HashSet<string> KnownFindings { get; init; } = new(StringComparer.Ordinal);

    /// <summary>NuGet content hashes seen so far (lower-case id|version → hash).</summary>
    public Dictionary<string, string> ContentHashes { get; init; } = new(StringComparer.Ordinal);
}
