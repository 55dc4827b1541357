using System.Globalization;
using System.Text.Json;
using Heimdall.Packages;
using Heimdall.Versions;

namespace Heimdall.Readers;

/// <summary>
/// Reads NuGet <c>packages.lock.json</c> (versions 1 and 2): one section per target framework (and
/// runtime), each package with its type, requested range, resolved version and content hash.
/// </summary>
internal static class NuGetLockReader
{
    public static FileInventory Read(string text, string relativePath)
    {
        var packages = new List<PackageOccurrence>();
        var unparsed = new List<UnparsedEntry>();
        string? formatVersion = null;
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                unparsed.Add(new UnparsedEntry("(file)", "the lockfile is not a JSON object"));
            }
            else
            {
                if (root.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.Number)
                {
                    formatVersion = v.GetInt32().ToString(CultureInfo.InvariantCulture);
                }

                if (formatVersion is not ("1" or "2"))
                {
                    unparsed.Add(new UnparsedEntry("version", $"unsupported lockfile version '{formatVersion ?? "(none)"}'"));
                }
                else if (!root.TryGetProperty("dependencies", out var frameworks) || frameworks.ValueKind != JsonValueKind.Object)
                {
                    unparsed.Add(new UnparsedEntry("dependencies", "the lockfile has no 'dependencies' object"));
                }
                else
                {
                    var lines = new TextLines(text);
                    foreach (var framework in frameworks.EnumerateObject())
                    {
                        lines.Find("\"" + framework.Name + "\"");
                        if (framework.Value.ValueKind != JsonValueKind.Object)
                        {
                            unparsed.Add(new UnparsedEntry(framework.Name, "the target framework section is not an object"));
                            continue;
                        }

                        foreach (var package in framework.Value.EnumerateObject())
                        {
                            ReadPackage(package, framework.Name, relativePath, lines, packages, unparsed);
                        }
                    }
                }
            }
        }
        catch (JsonException e)
        {
            unparsed.Add(new UnparsedEntry("(file)", "invalid JSON: " + e.Message, (int?)(e.LineNumber + 1)));
        }

        return new FileInventory { Path = relativePath, Format = LockfileFormat.NuGetLock, FormatVersion = formatVersion, Packages = packages, Unparsed = unparsed };
    }

    private static void ReadPackage(JsonProperty package, string framework, string file, TextLines lines, List<PackageOccurrence> packages, List<UnparsedEntry> unparsed)
    {
        var line = lines.Find("\"" + package.Name + "\"");
        var entry = $"{framework} {package.Name}";
        var value = package.Value;
        if (value.ValueKind != JsonValueKind.Object)
        {
            unparsed.Add(new UnparsedEntry(entry, "the entry is not an object", line));
            return;
        }

        var type = Str(value, "type");
        var resolved = Str(value, "resolved");
        var dependencies = new List<string>();
        if (value.TryGetProperty("dependencies", out var deps) && deps.ValueKind == JsonValueKind.Object)
        {
            foreach (var d in deps.EnumerateObject())
            {
                dependencies.Add(d.Name);
            }
        }

        if (type == "Project")
        {
            packages.Add(new PackageOccurrence
            {
                Ecosystem = Ecosystem.NuGet,
                Name = package.Name,
                Version = resolved,
                Kind = DependencyKind.Direct,
                Source = SourceKind.Project,
                File = file,
                Location = entry,
                Line = line,
                TargetFramework = framework,
                Dependencies = dependencies,
            });
            return;
        }

        if (type is not ("Direct" or "Transitive" or "CentralTransitive"))
        {
            unparsed.Add(new UnparsedEntry(entry, $"unknown dependency type '{type ?? "(none)"}'", line));
            return;
        }

        if (resolved is null || !NuGetPackageVersion.TryParse(resolved, out _))
        {
            unparsed.Add(new UnparsedEntry(entry, resolved is null ? "the entry has no resolved version" : $"'{resolved}' is not a NuGet version", line));
            return;
        }

        packages.Add(new PackageOccurrence
        {
            Ecosystem = Ecosystem.NuGet,
            Name = package.Name,
            Version = resolved,
            Kind = type == "Direct" ? DependencyKind.Direct : DependencyKind.Transitive,
            Source = SourceKind.Registry,
            Integrity = Str(value, "contentHash"),
            File = file,
            Location = entry,
            Line = line,
            TargetFramework = framework,
            Dependencies = dependencies,
        });
    }

    private static string? Str(JsonElement value, string name) =>
        value.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
}
