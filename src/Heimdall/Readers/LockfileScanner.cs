using Heimdall.Packages;

namespace Heimdall.Readers;

/// <summary>
/// Finds the supported files under a path and reads each of them. Skips folders that hold installed or
/// built output (<c>node_modules</c>, <c>bin</c>, <c>obj</c>, <c>.git</c>).
/// </summary>
public static class LockfileScanner
{
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.Ordinal)
    {
        "node_modules", ".git", "bin", "obj", ".yarn", ".pnpm-store", ".svn", ".hg",
    };

    /// <summary>Recognizes a supported file by its name (yarn.lock's flavour is decided on reading).</summary>
    public static LockfileFormat? Detect(string fileName) => fileName switch
    {
        "package-lock.json" => LockfileFormat.NpmPackageLock,
        "npm-shrinkwrap.json" => LockfileFormat.NpmShrinkwrap,
        "yarn.lock" => LockfileFormat.YarnClassic,
        "pnpm-lock.yaml" => LockfileFormat.Pnpm,
        "packages.lock.json" => LockfileFormat.NuGetLock,
        "Directory.Packages.props" => LockfileFormat.CentralPackageVersions,
        "packages.config" => LockfileFormat.PackagesConfig,
        _ when fileName.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase)
            || fileName.EndsWith(".fsproj", StringComparison.OrdinalIgnoreCase)
            || fileName.EndsWith(".vbproj", StringComparison.OrdinalIgnoreCase) => LockfileFormat.MsBuildProject,
        _ => null,
    };

    /// <summary>Reads every supported file under <paramref name="path"/> (a directory or one file).</summary>
    /// <exception cref="FileNotFoundException">Nothing exists at <paramref name="path"/>.</exception>
    public static Inventory Scan(string path)
    {
        var full = Path.GetFullPath(path);
        if (File.Exists(full))
        {
            var root = Path.GetDirectoryName(full)!;
            return Detect(Path.GetFileName(full)) is { } format
                ? new Inventory(root, [ReadFile(full, root, format)])
                : new Inventory(root, []);
        }

        if (!Directory.Exists(full))
        {
            throw new FileNotFoundException($"no file or directory at '{path}'", path);
        }

        var files = new List<(string Path, LockfileFormat Format)>();
        var unreadable = new List<string>();
        Walk(full, full, files, unreadable);
        files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return new Inventory(full, files.Select(f => ReadFile(f.Path, full, f.Format)).ToList()) { UnreadableFolders = unreadable };
    }

    /// <summary>Reads one file of a known format; unreadable files become a fully unparsed inventory.</summary>
    public static FileInventory ReadFile(string absolutePath, string root, LockfileFormat format)
    {
        var relative = Path.GetRelativePath(root, absolutePath).Replace('\\', '/');
        string text;
        try
        {
            text = File.ReadAllText(absolutePath);
        }
        catch (IOException e)
        {
            return Unreadable(relative, format, e.Message);
        }
        catch (UnauthorizedAccessException e)
        {
            return Unreadable(relative, format, e.Message);
        }

        return Read(text, absolutePath, relative, format);
    }

    /// <summary>Reads file contents already in memory.</summary>
    public static FileInventory Read(string text, string absolutePath, string relativePath, LockfileFormat format)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            return ReadUnguarded(text, absolutePath, relativePath, format);
        }
#pragma warning disable CA1031 // A reader bug on one hostile file must not abort the scan of the others.
        catch (Exception e) when (e is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            return Unreadable(relativePath, format, $"the reader failed ({e.GetType().Name}: {e.Message})");
        }
    }

    private static FileInventory ReadUnguarded(string text, string absolutePath, string relativePath, LockfileFormat format)
    {
        var directory = Path.GetDirectoryName(absolutePath) ?? ".";
        switch (format)
        {
            case LockfileFormat.NpmPackageLock or LockfileFormat.NpmShrinkwrap:
                return NpmLockfileReader.Read(text, relativePath, format, PackageJsonManifest.TryRead(Path.Combine(directory, "package.json")));
            case LockfileFormat.YarnClassic or LockfileFormat.YarnBerry:
                return IsBerry(text)
                    ? YarnBerryReader.Read(text, relativePath, PackageJsonManifest.TryRead(Path.Combine(directory, "package.json")))
                    : YarnClassicReader.Read(text, relativePath, PackageJsonManifest.TryRead(Path.Combine(directory, "package.json")));
            case LockfileFormat.Pnpm:
                return PnpmLockReader.Read(text, relativePath);
            case LockfileFormat.NuGetLock:
                return NuGetLockReader.Read(text, relativePath);
            case LockfileFormat.MsBuildProject:
                return MsBuildPackageReader.ReadProject(text, absolutePath, relativePath);
            case LockfileFormat.CentralPackageVersions:
                return MsBuildPackageReader.ReadCentral(text, absolutePath, relativePath);
            default:
                return MsBuildPackageReader.ReadPackagesConfig(text, relativePath);
        }
    }

    private static bool IsBerry(string text)
    {
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            if (line.StartsWith("__metadata:", StringComparison.Ordinal))
            {
                return true;
            }

            if (line.StartsWith("# yarn lockfile v1", StringComparison.Ordinal))
            {
                return false;
            }
        }

        return false;
    }

    private static FileInventory Unreadable(string relative, LockfileFormat format, string reason) => new()
    {
        Path = relative,
        Format = format,
        Packages = [],
        Unparsed = [new UnparsedEntry("(file)", "cannot read the file: " + reason)],
    };

    private static void Walk(string root, string directory, List<(string, LockfileFormat)> files, List<string> unreadable)
    {
        List<string> entries;
        try
        {
            entries = [.. Directory.EnumerateFileSystemEntries(directory)];
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            // Never skipped silently: what a folder we cannot list holds was not scanned.
            unreadable.Add($"{Path.GetRelativePath(root, directory)}: {e.Message}");
            return;
        }

        foreach (var entry in entries)
        {
            var name = Path.GetFileName(entry);
            if (Directory.Exists(entry))
            {
                // Symbolic links to folders are not followed: they lead out of the repository or in circles.
                if (!SkippedFolders.Contains(name) && new DirectoryInfo(entry).LinkTarget is null)
                {
                    Walk(root, entry, files, unreadable);
                }
            }
            else if (Detect(name) is { } format)
            {
                files.Add((entry, format));
            }
        }
    }
}
