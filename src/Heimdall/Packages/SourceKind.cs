namespace Heimdall.Packages;

/// <summary>Where a package's contents come from.</summary>
public enum SourceKind
{
    /// <summary>The ecosystem's registry (or a mirror of it).</summary>
    Registry,

    /// <summary>A tarball fetched from a URL.</summary>
    Tarball,

    /// <summary>A git repository at a commit.</summary>
    Git,

    /// <summary>A file or directory on disk (<c>file:</c>).</summary>
    File,

    /// <summary>A symbolic link to a directory (<c>link:</c>, npm links, yarn portals).</summary>
    Link,

    /// <summary>A project or workspace of the same repository.</summary>
    Project,
}
