namespace Heimdall.Packages;

/// <summary>What one reader understood of one file.</summary>
public sealed record FileInventory
{
    /// <summary>The path relative to the scan root, with forward slashes.</summary>
    public required string Path { get; init; }

    /// <summary>The file's format.</summary>
    public required LockfileFormat Format { get; init; }

    /// <summary>The format's own version where it has one (<c>3</c>, <c>9.0</c>, <c>v1</c>).</summary>
    public string? FormatVersion { get; init; }

    /// <summary>The occurrences read.</summary>
    public required IReadOnlyList<PackageOccurrence> Packages { get; init; }

    /// <summary>Entries seen but not understood.</summary>
    public required IReadOnlyList<UnparsedEntry> Unparsed { get; init; }

    /// <summary>The ecosystem of the file's packages.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Ecosystem Ecosystem => Format.EcosystemOf();

    /// <summary>Entries seen in total: understood plus not understood.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int EntriesSeen => Packages.Count + Unparsed.Count;

    /// <summary>The share of entries understood, from 0 to 1; an empty file is fully covered.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public double Coverage => EntriesSeen == 0 ? 1.0 : (double)Packages.Count / EntriesSeen;

    /// <summary>True when every entry was understood.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsComplete => Unparsed.Count == 0;
}
