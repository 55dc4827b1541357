namespace Heimdall.Packages;

/// <summary>
/// One package as one file lists it: the same name and version read from two files, or twice from one
/// file (nested node_modules, two target frameworks), are two occurrences.
/// </summary>
public sealed record PackageOccurrence
{
    /// <summary>The ecosystem.</summary>
    public required Ecosystem Ecosystem { get; init; }

    /// <summary>The package name exactly as the registry spells it (scoped npm names keep their scope).</summary>
    public required string Name { get; init; }

    /// <summary>The exact version, or null when the source gives none (a link to a directory).</summary>
    public required string? Version { get; init; }

    /// <summary>Direct or transitive, where the file tells.</summary>
    public DependencyKind Kind { get; init; }

    /// <summary>Dev, optional and peer membership.</summary>
    public DependencyGroups Groups { get; init; }

    /// <summary>Where the contents come from.</summary>
    public SourceKind Source { get; init; }

    /// <summary>The URL or path the package resolved to, when recorded.</summary>
    public string? Resolved { get; init; }

    /// <summary>The git commit for git dependencies.</summary>
    public string? Commit { get; init; }

    /// <summary>The integrity or content hash as recorded (<c>sha512-...</c> or NuGet's base64 SHA-512).</summary>
    public string? Integrity { get; init; }

    /// <summary>The path of the file, relative to the scan root, with forward slashes.</summary>
    public required string File { get; init; }

    /// <summary>Where in the file: a node_modules path, a lockfile key, a target framework.</summary>
    public string? Location { get; init; }

    /// <summary>The 1-based line of the entry, when the reader knows it.</summary>
    public int? Line { get; init; }

    /// <summary>The NuGet target framework (and runtime) section, for NuGet lockfiles.</summary>
    public string? TargetFramework { get; init; }

    /// <summary>The lockfile says the package runs scripts at install time.</summary>
    public bool HasInstallScript { get; init; }

    /// <summary>Names of the packages this one depends on, as the file lists them.</summary>
    public IReadOnlyList<string> Dependencies { get; init; } = [];

    /// <summary>True when the version can be matched against registry advisories.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsMatchable => Version is not null && Source is SourceKind.Registry or SourceKind.Tarball;
}
