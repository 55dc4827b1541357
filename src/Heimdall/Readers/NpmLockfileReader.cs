using System.Globalization;
using System.Text.Json;
using Heimdall.Packages;

namespace Heimdall.Readers;

/// <summary>
/// Reads <c>package-lock.json</c> and <c>npm-shrinkwrap.json</c>: lockfile version 1 (the nested
/// <c>dependencies</c> tree) and versions 2 and 3 (the flat <c>packages</c> map keyed by install path).
/// </summary>
internal static class NpmLockfileReader
{
    private const string NodeModules = "node_modules/";

    public static FileInventory Read(string text, string relativePath, LockfileFormat format, PackageJsonManifest? manifest)
    {
        var packages = new List<PackageOccurrence>();
        var unparsed = new List<UnparsedEntry>();
        string? formatVersion = null;
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = false });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                unparsed.Add(new UnparsedEntry("(file)", "the lockfile is not a JSON object"));
            }
            else
            {
                var lockfileVersion = root.TryGetProperty("lockfileVersion", out var lv) && lv.ValueKind == JsonValueKind.Number
                    ? lv.GetInt32()
                    : 1;
                formatVersion = lockfileVersion.ToString(CultureInfo.InvariantCulture);
                var lines = new TextLines(text);
                if (lockfileVersion >= 2 && root.TryGetProperty("packages", out var map) && map.ValueKind == JsonValueKind.Object)
                {
                    ReadPackages(map, relativePath, lines, packages, unparsed);
                }
                else if (lockfileVersion >= 2)
                {
                    unparsed.Add(new UnparsedEntry("(file)", $"lockfileVersion {lockfileVersion} without a 'packages' object"));
                }
                else if (root.TryGetProperty("dependencies", out var deps))
                {
                    if (deps.ValueKind == JsonValueKind.Object)
                    {
                        ReadTree(deps, relativePath, "", depth: 0, manifest, lines, packages, unparsed);
                    }
                    else
                    {
                        unparsed.Add(new UnparsedEntry("dependencies", "'dependencies' is not an object"));
                    }
                }
            }
        }
        catch (JsonException e)
        {
            unparsed.Add(new UnparsedEntry("(file)", "invalid JSON: " + e.Message, (int?)(e.LineNumber + 1)));
        }
        catch (InvalidOperationException e)
        {
            unparsed.Add(new UnparsedEntry("(file)", "unexpected JSON value: " + e.Message));
        }
        catch (FormatException e)
        {
            unparsed.Add(new UnparsedEntry("(file)", "unexpected JSON value: " + e.Message));
        }

        return new FileInventory { Path = relativePath, Format = format, FormatVersion = formatVersion, Packages = packages, Unparsed = unparsed };
    }

    private static void ReadPackages(JsonElement map, string file, TextLines lines, List<PackageOccurrence> packages, List<UnparsedEntry> unparsed)
    {
        // Declared names per project folder ("" is the root, other non-node_modules keys are workspaces).
        var declared = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var versionsByPath = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in map.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            if (!entry.Name.Contains(NodeModules, StringComparison.Ordinal))
            {
                declared[entry.Name] = DeclaredNames(entry.Value);
            }

            if (entry.Value.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.String)
            {
                versionsByPath[entry.Name] = v.GetString()!;
            }
        }

        foreach (var entry in map.EnumerateObject())
        {
            var key = entry.Name;
            var marker = key.LastIndexOf(NodeModules, StringComparison.Ordinal);
            if (marker < 0)
            {
                // The root and workspace folders are the project itself, not dependencies.
                continue;
            }

            var line = lines.Find("\"" + key + "\"");
            var value = entry.Value;
            if (value.ValueKind != JsonValueKind.Object)
            {
                unparsed.Add(new UnparsedEntry(key, "the entry is not an object", line));
                continue;
            }

            var installName = key[(marker + NodeModules.Length)..];
            var name = Str(value, "name") ?? installName;
            if (!NpmSource.IsValidName(name))
            {
                unparsed.Add(new UnparsedEntry(key, $"'{name}' is not a valid package name", line));
                continue;
            }

            var resolved = Str(value, "resolved");
            var isLink = value.TryGetProperty("link", out var link) && link.ValueKind == JsonValueKind.True;
            string? version;
            SourceKind source;
            string? commit = null;
            if (isLink)
            {
                version = resolved is not null && versionsByPath.TryGetValue(resolved, out var target) ? target : null;
                source = resolved is not null && declared.ContainsKey(resolved) ? SourceKind.Project : SourceKind.Link;
            }
            else
            {
                version = Str(value, "version");
                if (version is null)
                {
                    unparsed.Add(new UnparsedEntry(key, "the entry has no version", line));
                    continue;
                }

                (source, commit) = NpmSource.Classify(resolved ?? version);
                if (version.StartsWith("file:", StringComparison.Ordinal) || version.StartsWith("git", StringComparison.Ordinal))
                {
                    (source, commit) = NpmSource.Classify(version);
                    resolved ??= version;
                    version = null;
                }
                else if (source == SourceKind.Registry && !Versions.SemanticVersion.TryParse(version, out _))
                {
                    unparsed.Add(new UnparsedEntry(key, $"'{version}' is not a SemVer version", line));
                    continue;
                }
            }

            var parent = key[..marker].TrimEnd('/');
            DependencyKind kind;
            if (declared.TryGetValue(parent, out var parentDeclares))
            {
                kind = parentDeclares.Contains(installName) ? DependencyKind.Direct : DependencyKind.Transitive;
            }
            else
            {
                kind = DependencyKind.Transitive;
            }

            packages.Add(new PackageOccurrence
            {
                Ecosystem = Ecosystem.Npm,
                Name = name,
                Version = version,
                Kind = kind,
                Groups = Groups(value),
                Source = source,
                Resolved = resolved,
                Commit = commit,
                Integrity = Str(value, "integrity"),
                File = file,
                Location = key,
                Line = line,
                HasInstallScript = value.TryGetProperty("hasInstallScript", out var his) && his.ValueKind == JsonValueKind.True,
                Dependencies = DependencyNames(value),
            });
        }
    }

    private static void ReadTree(JsonElement deps, string file, string parentPath, int depth, PackageJsonManifest? manifest, TextLines lines, List<PackageOccurrence> packages, List<UnparsedEntry> unparsed)
    {
        foreach (var entry in deps.EnumerateObject())
        {
            var path = parentPath.Length == 0 ? entry.Name : parentPath + " > " + entry.Name;
            var line = lines.Find("\"" + entry.Name + "\"");
            var value = entry.Value;
            if (value.ValueKind != JsonValueKind.Object)
            {
                unparsed.Add(new UnparsedEntry(path, "the entry is not an object", line));
                continue;
            }

            var name = entry.Name;
            var version = Str(value, "version");
            if (version is null)
            {
                unparsed.Add(new UnparsedEntry(path, "the entry has no version", line));
                continue;
            }

            var resolved = Str(value, "resolved");
            if (version.StartsWith("npm:", StringComparison.Ordinal) && NpmSource.TrySplitNameAndSpec(version[4..], out var realName, out var realVersion))
            {
                name = realName;
                version = realVersion;
            }

            var (source, commit) = NpmSource.Classify(version.Contains(':', StringComparison.Ordinal) || version.Contains('/', StringComparison.Ordinal) ? version : resolved);
            if (source is SourceKind.Git or SourceKind.File or SourceKind.Link)
            {
                resolved ??= version;
                version = null;
            }
            else if (!Versions.SemanticVersion.TryParse(version, out _))
            {
                unparsed.Add(new UnparsedEntry(path, $"'{version}' is not a SemVer version", line));
                continue;
            }

            var kind = depth > 0
                ? DependencyKind.Transitive
                : manifest is null ? DependencyKind.Unknown
                : manifest.Declares(entry.Name) ? DependencyKind.Direct : DependencyKind.Transitive;
            var requires = new List<string>();
            if (value.TryGetProperty("requires", out var req) && req.ValueKind == JsonValueKind.Object)
            {
                foreach (var r in req.EnumerateObject())
                {
                    requires.Add(r.Name);
                }
            }

            packages.Add(new PackageOccurrence
            {
                Ecosystem = Ecosystem.Npm,
                Name = name,
                Version = version,
                Kind = kind,
                Groups = Groups(value),
                Source = source,
                Resolved = resolved,
                Commit = commit,
                Integrity = Str(value, "integrity"),
                File = file,
                Location = path,
                Line = line,
                Dependencies = requires,
            });

            if (value.TryGetProperty("dependencies", out var nested))
            {
                if (nested.ValueKind == JsonValueKind.Object)
                {
                    ReadTree(nested, file, path, depth + 1, manifest, lines, packages, unparsed);
                }
                else
                {
                    unparsed.Add(new UnparsedEntry(path + " > dependencies", "'dependencies' is not an object", line));
                }
            }
        }
    }

    private static DependencyGroups Groups(JsonElement value)
    {
        var groups = DependencyGroups.None;
        if (IsTrue(value, "dev"))
        {
            groups |= DependencyGroups.Dev;
        }

        if (IsTrue(value, "optional"))
        {
            groups |= DependencyGroups.Optional;
        }

        if (IsTrue(value, "devOptional"))
        {
            groups |= DependencyGroups.Dev | DependencyGroups.Optional;
        }

        if (IsTrue(value, "peer"))
        {
            groups |= DependencyGroups.Peer;
        }

        return groups;
    }

    private static HashSet<string> DeclaredNames(JsonElement value)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in (string[])["dependencies", "devDependencies", "optionalDependencies", "peerDependencies"])
        {
            if (value.TryGetProperty(property, out var deps) && deps.ValueKind == JsonValueKind.Object)
            {
                foreach (var d in deps.EnumerateObject())
                {
                    names.Add(d.Name);
                }
            }
        }

        return names;
    }

    private static List<string> DependencyNames(JsonElement value)
    {
        var names = new List<string>();
        foreach (var property in (string[])["dependencies", "optionalDependencies", "peerDependencies"])
        {
            if (value.TryGetProperty(property, out var deps) && deps.ValueKind == JsonValueKind.Object)
            {
                foreach (var d in deps.EnumerateObject())
                {
                    names.Add(d.Name);
                }
            }
        }

        return names;
    }

    private static bool IsTrue(JsonElement value, string name) =>
        value.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.True;

    private static string? Str(JsonElement value, string name) =>
        value.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
}
