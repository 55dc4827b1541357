using Heimdall.Packages;
using YamlDotNet.RepresentationModel;

namespace Heimdall.Readers;

/// <summary>
/// Reads yarn 2+ (berry) lockfiles: YAML with a <c>__metadata</c> block and one entry per resolution,
/// whose <c>resolution</c> field names the protocol (<c>npm:</c>, <c>workspace:</c>, <c>patch:</c>,
/// <c>file:</c>, <c>link:</c>, <c>portal:</c>, git URLs).
/// </summary>
internal static class YarnBerryReader
{
    public static FileInventory Read(string text, string relativePath, PackageJsonManifest? manifest = null)
    {
        var packages = new List<PackageOccurrence>();
        var unparsed = new List<UnparsedEntry>();
        string? formatVersion = null;
        if (!Yaml.TryLoad(text, unparsed, out var stream))
        {
            return Inventory(relativePath, null, packages, unparsed);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            unparsed.Add(new UnparsedEntry("(file)", "the lockfile is not a YAML mapping"));
            return Inventory(relativePath, null, packages, unparsed);
        }

        formatVersion = Yaml.Scalar(Yaml.Map(root, "__metadata"), "version");

        // Workspaces list the project's own dependencies: those names are direct.
        var direct = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (_, value, _) in Yaml.Entries(root))
        {
            if (Yaml.Scalar(value, "resolution") is { } resolution && resolution.Contains("@workspace:", StringComparison.Ordinal))
            {
                foreach (var section in (string[])["dependencies", "devDependencies", "peerDependencies", "optionalDependencies"])
                {
                    foreach (var (dep, _, _) in Yaml.Entries(Yaml.Map(value, section)))
                    {
                        direct.Add(dep);
                    }
                }
            }
        }

        foreach (var (key, value, line) in Yaml.Entries(root))
        {
            if (key == "__metadata")
            {
                continue;
            }

            if (value is not YamlMappingNode)
            {
                unparsed.Add(new UnparsedEntry(key, "the entry is not a mapping", line));
                continue;
            }

            var resolution = Yaml.Scalar(value, "resolution");
            var version = Yaml.Scalar(value, "version");
            if (resolution is null || !NpmSource.TrySplitNameAndSpec(resolution, out var name, out var reference))
            {
                unparsed.Add(new UnparsedEntry(key, "the entry has no 'name@reference' resolution", line));
                continue;
            }

            if (reference.StartsWith("workspace:", StringComparison.Ordinal))
            {
                // The root workspace is the project itself; other workspaces are reported as the
                // project's own packages, as npm reports its workspace links.
                if (reference != "workspace:." && NpmSource.IsValidName(name))
                {
                    packages.Add(new PackageOccurrence
                    {
                        Ecosystem = Ecosystem.Npm,
                        Name = name,
                        Version = null,
                        Kind = direct.Contains(name) ? DependencyKind.Direct : DependencyKind.Transitive,
                        Source = SourceKind.Project,
                        Resolved = reference,
                        File = relativePath,
                        Location = key,
                        Line = line,
                        Dependencies = Yaml.Entries(Yaml.Map(value, "dependencies")).Select(e => e.Key).ToList(),
                    });
                }

                continue;
            }

            if (version is null)
            {
                unparsed.Add(new UnparsedEntry(key, "the entry has no version", line));
                continue;
            }

            if (!NpmSource.IsValidName(name))
            {
                unparsed.Add(new UnparsedEntry(key, $"'{name}' is not a valid package name", line));
                continue;
            }

            SourceKind source;
            string? commit = null;
            string? resolved = null;
            if (reference.StartsWith("npm:", StringComparison.Ordinal))
            {
                var archive = reference.IndexOf("::__archiveUrl=", StringComparison.Ordinal);
                if (archive >= 0)
                {
                    source = SourceKind.Tarball;
                    resolved = Uri.UnescapeDataString(reference[(archive + 15)..]);
                }
                else
                {
                    source = SourceKind.Registry;
                }
            }
            else if (reference.StartsWith("patch:", StringComparison.Ordinal))
            {
                // A local patch applied on top of a registry package: the registry version still applies.
                source = SourceKind.Registry;
                resolved = reference;
            }
            else
            {
                (source, commit) = NpmSource.Classify(reference);
                resolved = reference;
                if (source == SourceKind.Registry)
                {
                    unparsed.Add(new UnparsedEntry(key, $"unknown resolution protocol in '{reference}'", line));
                    continue;
                }
            }

            if (source is SourceKind.Registry or SourceKind.Tarball && !Versions.SemanticVersion.TryParse(version, out _))
            {
                unparsed.Add(new UnparsedEntry(key, $"'{version}' is not a SemVer version", line));
                continue;
            }

            var isDirect = direct.Contains(name);
            var checksum = Yaml.Scalar(value, "checksum");
            var dependencies = Yaml.Entries(Yaml.Map(value, "dependencies")).Select(e => e.Key).ToList();
            packages.Add(new PackageOccurrence
            {
                Ecosystem = Ecosystem.Npm,
                Name = name,
                Version = version,
                Kind = direct.Count == 0 ? DependencyKind.Unknown : isDirect ? DependencyKind.Direct : DependencyKind.Transitive,
                // The lockfile does not tell dev from production; the package.json beside it does for direct ones.
                Groups = isDirect && manifest is not null ? manifest.GroupsOf(name) : DependencyGroups.None,
                Source = source,
                Resolved = resolved,
                Commit = commit,
                Integrity = checksum,
                File = relativePath,
                Location = key,
                Line = line,
                Dependencies = dependencies,
            });
        }

        return Inventory(relativePath, formatVersion, packages, unparsed);
    }

    private static FileInventory Inventory(string path, string? version, List<PackageOccurrence> packages, List<UnparsedEntry> unparsed) =>
        new() { Path = path, Format = LockfileFormat.YarnBerry, FormatVersion = version, Packages = packages, Unparsed = unparsed };
}
