namespace Heimdall.Packages;

/// <summary>Whether the project asked for a package itself or received it through another package.</summary>
public enum DependencyKind
{
    /// <summary>The file does not say (yarn.lock without its package.json, packages.config).</summary>
    Unknown,

    /// <summary>Declared by the project itself.</summary>
    Direct,

    /// <summary>Pulled in by another dependency.</summary>
    Transitive,
}
