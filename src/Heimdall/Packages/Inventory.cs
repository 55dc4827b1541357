namespace Heimdall.Packages;

/// <summary>Everything read under one scan root.</summary>
/// <param name="Root">The absolute path that was walked.</param>
/// <param name="Files">One entry per supported file, in path order.</param>
public sealed record Inventory(string Root, IReadOnlyList<FileInventory> Files)
{
    /// <summary>All occurrences of all files.</summary>
    public IEnumerable<PackageOccurrence> Packages => Files.SelectMany(f => f.Packages);

    /// <summary>Folders under the root that could not be listed, with the reason: whatever they hold was not scanned.</summary>
    public IReadOnlyList<string> UnreadableFolders { get; init; } = [];

    /// <summary>True when every file was read completely, every folder could be listed, and at least one file was found.</summary>
    public bool IsComplete => Files.Count > 0 && UnreadableFolders.Count == 0 && Files.All(f => f.IsComplete);
}
