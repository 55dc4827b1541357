using System.Globalization;
using Heimdall.Packages;
using YamlDotNet.RepresentationModel;

namespace Heimdall.Readers;

/// <summary>
/// Reads <c>pnpm-lock.yaml</c> of lockfile versions 5.x (<c>/name/1.0.0_peer</c> keys), 6.x
/// (<c>/name@1.0.0(peer)</c>) and 9.x (<c>name@1.0.0</c> packages plus <c>snapshots</c>), including files
/// of several YAML documents: every document is read.
/// </summary>
internal static class PnpmLockReader
{
    private static readonly (string Section, DependencyGroups Groups)[] ImporterSections =
    [
        ("dependencies", DependencyGroups.None),
        ("devDependencies", DependencyGroups.Dev),
        ("optionalDependencies", DependencyGroups.Optional),
        ("packageManagerDependencies", DependencyGroups.Dev),
        ("configDependencies", DependencyGroups.Dev),
    ];

    public static FileInventory Read(string text, string relativePath)
    {
        var packages = new List<PackageOccurrence>();
        var unparsed = new List<UnparsedEntry>();
        var versions = new List<string>();
        if (!Yaml.TryLoad(text, unparsed, out var stream))
        {
            return Inventory(relativePath, null, packages, unparsed);
        }

        var documents = 0;
        foreach (var document in stream.Documents)
        {
            if (document.RootNode is not YamlMappingNode root)
            {
                if (document.RootNode is YamlScalarNode { Value: null or "" })
                {
                    continue;
                }

                unparsed.Add(new UnparsedEntry($"(document {documents + 1})", "the document is not a YAML mapping", Yaml.Line(document.RootNode)));
                continue;
            }

            documents++;
            var lockfileVersion = Yaml.Scalar(root, "lockfileVersion");
            if (lockfileVersion is null
                || !double.TryParse(lockfileVersion, NumberStyles.Float, CultureInfo.InvariantCulture, out var numeric))
            {
                unparsed.Add(new UnparsedEntry($"(document {documents})", "the document has no numeric lockfileVersion", Yaml.Line(root)));
                continue;
            }

            versions.Add(lockfileVersion);
            ReadDocument(root, (int)numeric, relativePath, packages, unparsed);
        }

        return Inventory(relativePath, versions.Count == 0 ? null : string.Join(",", versions.Distinct()), packages, unparsed);
    }

    private static void ReadDocument(YamlMappingNode root, int major, string file, List<PackageOccurrence> packages, List<UnparsedEntry> unparsed)
    {
        // Direct dependencies: importer name -> version (as the packages map keys them) and group.
        var direct = new Dictionary<(string Name, string Version), DependencyGroups>();
        var importers = Yaml.Map(root, "importers");
        var projects = importers is null ? [("." , (YamlNode)root)] : Yaml.Entries(importers).Select(e => (e.Key, e.Value)).ToList();
        foreach (var (projectPath, project) in projects)
        {
            foreach (var (section, groups) in ImporterSections)
            {
                foreach (var (name, value, line) in Yaml.Entries(Yaml.Map(project, section)))
                {
                    var version = value is YamlScalarNode s ? s.Value : Yaml.Scalar(value, "version");
                    if (version is null)
                    {
                        unparsed.Add(new UnparsedEntry($"{projectPath} {section} {name}", "the importer entry has no version", line));
                        continue;
                    }

                    if (version.StartsWith("link:", StringComparison.Ordinal) || version.StartsWith("file:", StringComparison.Ordinal))
                    {
                        // Links to folders exist only in the importers: report them here, as the
                        // project's own package when the link leads to another importer (a workspace).
                        var (kind, _) = NpmSource.Classify(version);
                        if (kind == SourceKind.Link && importers is not null && LinksToImporter(projectPath, version, importers))
                        {
                            kind = SourceKind.Project;
                        }

                        packages.Add(new PackageOccurrence
                        {
                            Ecosystem = Ecosystem.Npm,
                            Name = name,
                            Version = null,
                            Kind = DependencyKind.Direct,
                            Groups = groups,
                            Source = kind,
                            Resolved = version,
                            File = file,
                            Location = $"importers {projectPath} {name}",
                            Line = line,
                        });
                        continue;
                    }

                    var key = (name, StripPeers(version, major));
                    direct[key] = direct.TryGetValue(key, out var existing) ? existing & groups : groups;
                }
            }
        }

        var snapshots = Yaml.Map(root, "snapshots");
        var reach = major >= 9 ? Reachability(projects, snapshots) : null;
        var snapshotById = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (key, value, _) in Yaml.Entries(snapshots))
        {
            snapshotById.TryAdd(StripPeers(key, 9), value);
        }

        foreach (var (key, value, line) in Yaml.Entries(Yaml.Map(root, "packages")))
        {
            if (value is not YamlMappingNode)
            {
                unparsed.Add(new UnparsedEntry(key, "the entry is not a mapping", line));
                continue;
            }

            if (!TrySplitKey(key, major, out var name, out var keyVersion))
            {
                name = Yaml.Scalar(value, "name") ?? "";
                keyVersion = "";
            }

            name = Yaml.Scalar(value, "name") ?? name;
            var version = Yaml.Scalar(value, "version") ?? keyVersion;
            if (!NpmSource.IsValidName(name))
            {
                unparsed.Add(new UnparsedEntry(key, "cannot tell the package name from the key", line));
                continue;
            }

            var resolution = Yaml.Map(value, "resolution");
            var tarball = Yaml.Scalar(resolution, "tarball");
            var type = Yaml.Scalar(resolution, "type");
            SourceKind source;
            string? commit = null;
            string? resolved = null;
            if (type == "git")
            {
                source = SourceKind.Git;
                commit = Yaml.Scalar(resolution, "commit");
                resolved = Yaml.Scalar(resolution, "repo");
            }
            else if (type == "directory" || Yaml.Scalar(resolution, "directory") is not null)
            {
                source = SourceKind.File;
                resolved = Yaml.Scalar(resolution, "directory");
            }
            else if (tarball is not null)
            {
                (source, commit) = NpmSource.Classify(tarball);
                if (source == SourceKind.Registry)
                {
                    source = tarball.StartsWith("file:", StringComparison.Ordinal) ? SourceKind.File : SourceKind.Tarball;
                }

                resolved = tarball;
            }
            else
            {
                source = SourceKind.Registry;
            }

            if (source is SourceKind.Registry or SourceKind.Tarball && !Versions.SemanticVersion.TryParse(version, out _))
            {
                if (source == SourceKind.Tarball && version.Contains("://", StringComparison.Ordinal))
                {
                    unparsed.Add(new UnparsedEntry(key, "a tarball dependency without a version field", line));
                }
                else
                {
                    unparsed.Add(new UnparsedEntry(key, $"'{version}' is not a SemVer version", line));
                }

                continue;
            }

            var groups = DependencyGroups.None;
            if (major < 9)
            {
                if (Yaml.IsTrue(value, "dev"))
                {
                    groups |= DependencyGroups.Dev;
                }

                if (Yaml.IsTrue(value, "optional"))
                {
                    groups |= DependencyGroups.Optional;
                }
            }
            else if (reach is not null)
            {
                var id = PackageId(key, major);
                if (!reach.Production.Contains(id) && reach.Dev.Contains(id))
                {
                    groups |= DependencyGroups.Dev;
                }

                if (reach.Optional.Contains(id))
                {
                    groups |= DependencyGroups.Optional;
                }
            }

            var dependencySource = major >= 9 ? snapshotById.GetValueOrDefault(PackageId(key, major)) : value;
            var dependencies = Yaml.Entries(Yaml.Map(dependencySource, "dependencies"))
                .Concat(Yaml.Entries(Yaml.Map(dependencySource, "optionalDependencies")))
                .Select(e => e.Key)
                .ToList();
            var isDirect = direct.TryGetValue((name, StripPeers(keyVersion, major)), out var directGroups)
                || direct.TryGetValue((name, StripPeers(version, major)), out directGroups);
            if (isDirect && major >= 9)
            {
                groups = directGroups | (groups & DependencyGroups.Optional);
            }

            packages.Add(new PackageOccurrence
            {
                Ecosystem = Ecosystem.Npm,
                Name = name,
                Version = version.Length == 0 ? null : version,
                Kind = isDirect ? DependencyKind.Direct : DependencyKind.Transitive,
                Groups = groups,
                Source = source,
                Resolved = resolved,
                Commit = commit,
                Integrity = Yaml.Scalar(resolution, "integrity"),
                File = file,
                Location = key,
                Line = line,
                HasInstallScript = Yaml.IsTrue(value, "requiresBuild"),
                Dependencies = dependencies,
            });
        }
    }

    private static bool LinksToImporter(string importer, string link, YamlMappingNode importers)
    {
        // Importer keys and link targets are relative POSIX paths ("packages/lib", "link:../shared").
        var target = link["link:".Length..];
        var parts = new List<string>();
        foreach (var part in (importer == "." ? target : importer + "/" + target).Split('/'))
        {
            if (part is "" or ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (parts.Count == 0)
                {
                    return false;
                }

                parts.RemoveAt(parts.Count - 1);
                continue;
            }

            parts.Add(part);
        }

        var normalized = parts.Count == 0 ? "." : string.Join('/', parts);
        return Yaml.Entries(importers).Any(e => e.Key == normalized);
    }

    /// <summary>Splits a packages key into name and version (without the peer suffix).</summary>
    internal static bool TrySplitKey(string key, int major, out string name, out string version)
    {
        name = "";
        version = "";
        var k = key.StartsWith('/') ? key[1..] : key;
        if (major < 6)
        {
            var underscore = k.IndexOf('_', StringComparison.Ordinal);
            var slash = k.LastIndexOf('/', underscore < 0 ? k.Length - 1 : underscore);
            if (slash <= 0)
            {
                return false;
            }

            name = k[..slash];
            version = k[(slash + 1)..];
            var peers = version.IndexOf('_', StringComparison.Ordinal);
            if (peers >= 0)
            {
                version = version[..peers];
            }

            return name.Length > 0 && version.Length > 0;
        }

        var paren = k.IndexOf('(', StringComparison.Ordinal);
        if (paren >= 0)
        {
            k = k[..paren];
        }

        if (!NpmSource.TrySplitNameAndSpec(k, out name, out version))
        {
            return false;
        }

        return version.Length > 0;
    }

    private static string StripPeers(string version, int major)
    {
        var cut = major < 6 ? version.IndexOf('_', StringComparison.Ordinal) : version.IndexOf('(', StringComparison.Ordinal);
        return cut >= 0 ? version[..cut] : version;
    }

    private static string PackageId(string key, int major)
    {
        var k = key.StartsWith('/') ? key[1..] : key;
        return StripPeers(k, major);
    }

    // Lockfile v9 no longer marks dev packages: walk snapshots from the importers' production and dev
    // dependencies to tell which packages only development needs.
    private static Reach Reachability(List<(string Key, YamlNode Value)> projects, YamlMappingNode? snapshots)
    {
        var reach = new Reach();
        var edges = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (key, value, _) in Yaml.Entries(snapshots))
        {
            var list = new List<string>();
            foreach (var section in (string[])["dependencies", "optionalDependencies"])
            {
                foreach (var (dep, v, _) in Yaml.Entries(Yaml.Map(value, section)))
                {
                    if (v is YamlScalarNode { Value: { } depVersion })
                    {
                        list.Add(dep + "@" + depVersion);
                    }
                }
            }

            edges[key] = list;
            if (Yaml.IsTrue(value, "optional"))
            {
                reach.Optional.Add(StripPeers(key, 9));
            }
        }

        // One visited set per group: a snapshot reached once is not walked again from another root.
        var visitedProduction = new HashSet<string>(StringComparer.Ordinal);
        var visitedDev = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (_, project) in projects)
        {
            foreach (var (section, groups) in ImporterSections)
            {
                var dev = groups == DependencyGroups.Dev;
                foreach (var (name, value, _) in Yaml.Entries(Yaml.Map(project, section)))
                {
                    if ((value is YamlScalarNode s ? s.Value : Yaml.Scalar(value, "version")) is { } version)
                    {
                        Walk(name + "@" + version, edges, dev ? reach.Dev : reach.Production, dev ? visitedDev : visitedProduction);
                    }
                }
            }
        }

        return reach;
    }

    private static void Walk(string start, Dictionary<string, List<string>> edges, HashSet<string> seen, HashSet<string> visited)
    {
        var stack = new Stack<string>();
        stack.Push(start);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (!visited.Add(node))
            {
                continue;
            }

            seen.Add(StripPeers(node, 9));
            if (edges.TryGetValue(node, out var next))
            {
                foreach (var n in next)
                {
                    stack.Push(n);
                }
            }
        }
    }

    private static FileInventory Inventory(string path, string? version, List<PackageOccurrence> packages, List<UnparsedEntry> unparsed) =>
        new() { Path = path, Format = LockfileFormat.Pnpm, FormatVersion = version, Packages = packages, Unparsed = unparsed };

    private sealed class Reach
    {
        public HashSet<string> Production { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Dev { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Optional { get; } = new(StringComparer.Ordinal);
    }
}
