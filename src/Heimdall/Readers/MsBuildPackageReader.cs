using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Heimdall.Packages;
using Heimdall.Versions;
using NuGet.Versioning;

namespace Heimdall.Readers;

/// <summary>
/// Reads package references from MSBuild files: <c>PackageReference</c> items of project files (with
/// <c>Version</c>, <c>VersionOverride</c> or a version from central package management), and
/// <c>PackageVersion</c> / <c>GlobalPackageReference</c> items of <c>Directory.Packages.props</c>.
/// <c>$(Property)</c> versions are expanded from the file and the <c>Directory.Build.props</c> above it.
/// </summary>
internal static partial class MsBuildPackageReader
{
    public static FileInventory ReadProject(string text, string absolutePath, string relativePath)
    {
        var packages = new List<PackageOccurrence>();
        var unparsed = new List<UnparsedEntry>();
        var document = Load(text, unparsed);
        if (document?.Root is null)
        {
            return Inventory(relativePath, LockfileFormat.MsBuildProject, packages, unparsed);
        }

        var directory = Path.GetDirectoryName(absolutePath)!;
        var properties = InheritedProperties(directory);
        CollectProperties(document.Root, properties);
        Dictionary<string, string>? central = null;
        var centralLoaded = false;
        foreach (var item in Items(document.Root, "PackageReference"))
        {
            var include = Attribute(item, "Include");
            var line = LineOf(item);
            if (include is null)
            {
                // Update and Remove items change references declared elsewhere.
                continue;
            }

            var versionText = Attribute(item, "VersionOverride") ?? Attribute(item, "Version");
            var fromCentral = false;
            if (versionText is null)
            {
                if (!centralLoaded)
                {
                    central = CentralVersions(directory);
                    centralLoaded = true;
                }

                if (central is not null && central.TryGetValue(include.ToLowerInvariant(), out var centralVersion))
                {
                    versionText = centralVersion;
                    fromCentral = true;
                }
            }

            if (versionText is null)
            {
                unparsed.Add(new UnparsedEntry(include, "no Version and no central PackageVersion for it", line));
                continue;
            }

            var privateAssets = Attribute(item, "PrivateAssets");
            Add(include, versionText, properties, relativePath, line, fromCentral ? "central" : null,
                privateAssets is not null && privateAssets.Contains("all", StringComparison.OrdinalIgnoreCase),
                packages, unparsed);
        }

        return Inventory(relativePath, LockfileFormat.MsBuildProject, packages, unparsed);
    }

    public static FileInventory ReadCentral(string text, string absolutePath, string relativePath)
    {
        var packages = new List<PackageOccurrence>();
        var unparsed = new List<UnparsedEntry>();
        var document = Load(text, unparsed);
        if (document?.Root is null)
        {
            return Inventory(relativePath, LockfileFormat.CentralPackageVersions, packages, unparsed);
        }

        var properties = InheritedProperties(Path.GetDirectoryName(absolutePath)!);
        CollectProperties(document.Root, properties);
        foreach (var kind in (string[])["PackageVersion", "GlobalPackageReference"])
        {
            foreach (var item in Items(document.Root, kind))
            {
                var include = Attribute(item, "Include");
                var line = LineOf(item);
                if (include is null)
                {
                    continue;
                }

                var version = Attribute(item, "Version");
                if (version is null)
                {
                    unparsed.Add(new UnparsedEntry(include, $"{kind} without a Version", line));
                    continue;
                }

                Add(include, version, properties, relativePath, line, kind, devOnly: false, packages, unparsed);
            }
        }

        return Inventory(relativePath, LockfileFormat.CentralPackageVersions, packages, unparsed);
    }

    public static FileInventory ReadPackagesConfig(string text, string relativePath)
    {
        var packages = new List<PackageOccurrence>();
        var unparsed = new List<UnparsedEntry>();
        var document = Load(text, unparsed);
        if (document?.Root is null)
        {
            return Inventory(relativePath, LockfileFormat.PackagesConfig, packages, unparsed);
        }

        if (document.Root.Name.LocalName != "packages")
        {
            unparsed.Add(new UnparsedEntry("(file)", "the root element is not <packages>", LineOf(document.Root)));
            return Inventory(relativePath, LockfileFormat.PackagesConfig, packages, unparsed);
        }

        foreach (var item in document.Root.Elements().Where(e => e.Name.LocalName == "package"))
        {
            var id = Attribute(item, "id");
            var version = Attribute(item, "version");
            var line = LineOf(item);
            if (id is null || version is null)
            {
                unparsed.Add(new UnparsedEntry(id ?? item.ToString(SaveOptions.DisableFormatting), "a package needs both id and version", line));
                continue;
            }

            if (!NuGetPackageVersion.TryParse(version, out _))
            {
                unparsed.Add(new UnparsedEntry(id, $"'{version}' is not a NuGet version", line));
                continue;
            }

            packages.Add(new PackageOccurrence
            {
                Ecosystem = Ecosystem.NuGet,
                Name = id,
                Version = version,
                Kind = DependencyKind.Unknown,
                Groups = Attribute(item, "developmentDependency") is "true" ? DependencyGroups.Dev : DependencyGroups.None,
                Source = SourceKind.Registry,
                File = relativePath,
                Location = id,
                Line = line,
                TargetFramework = Attribute(item, "targetFramework"),
            });
        }

        return Inventory(relativePath, LockfileFormat.PackagesConfig, packages, unparsed);
    }

    /// <summary>
    /// The exact version a NuGet version or range resolves to: a plain version or <c>[x]</c> is itself, a
    /// range with an inclusive lower bound restores its lower bound (NuGet picks the lowest applicable
    /// version). Floating versions, open lower bounds and unexpanded properties have no exact version.
    /// </summary>
    internal static bool TryResolveVersion(string text, out string version, out string? reason)
    {
        version = "";
        reason = null;
        var trimmed = text.Trim();
        if (NuGetPackageVersion.TryParse(trimmed, out var plain))
        {
            version = plain.Normalized;
            return true;
        }

        if (trimmed.Contains("$(", StringComparison.Ordinal))
        {
            reason = $"the version '{trimmed}' uses a property that is not defined";
            return false;
        }

        if (trimmed.Contains('*', StringComparison.Ordinal))
        {
            reason = $"the floating version '{trimmed}' is chosen at restore time; commit packages.lock.json to scan exact versions";
            return false;
        }

        if (trimmed.StartsWith('[') && trimmed.EndsWith(']') && !trimmed.Contains(',', StringComparison.Ordinal)
            && NuGetPackageVersion.TryParse(trimmed[1..^1], out var exact))
        {
            version = exact.Normalized;
            return true;
        }

        if (VersionRange.TryParse(trimmed, out var range))
        {
            if (range.MinVersion is null || !range.IsMinInclusive)
            {
                reason = $"the range '{trimmed}' has no inclusive lower bound, so the restored version is unknown";
                return false;
            }

            version = range.MinVersion.ToNormalizedString();
            return true;
        }

        // NuGet.Versioning cannot read ranges whose bounds exceed 32-bit parts: read simple ones here.
        var match = SimpleRange().Match(trimmed);
        if (match.Success && NuGetPackageVersion.TryParse(match.Groups["min"].Value, out var min))
        {
            version = min.Normalized;
            return true;
        }

        reason = $"'{trimmed}' is not a NuGet version or range";
        return false;
    }

    [GeneratedRegex(@"^\[\s*(?<min>[0-9A-Za-z.\-+]+)\s*,\s*(?<max>[0-9A-Za-z.\-+]*)\s*[\)\]]$")]
    private static partial Regex SimpleRange();

    private static void Add(string include, string versionText, Dictionary<string, string> properties, string file, int? line, string? location, bool devOnly, List<PackageOccurrence> packages, List<UnparsedEntry> unparsed)
    {
        var expanded = Expand(versionText, properties);
        foreach (var name in include.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!TryResolveVersion(expanded, out var version, out var reason))
            {
                unparsed.Add(new UnparsedEntry(name, reason!, line));
                continue;
            }

            packages.Add(new PackageOccurrence
            {
                Ecosystem = Ecosystem.NuGet,
                Name = name,
                Version = version,
                Kind = DependencyKind.Direct,
                Groups = devOnly ? DependencyGroups.Dev : DependencyGroups.None,
                Source = SourceKind.Registry,
                File = file,
                Location = location,
                Line = line,
            });
        }
    }

    private static string Expand(string text, Dictionary<string, string> properties)
    {
        var result = text;
        for (var depth = 0; depth < 8 && result.Contains("$(", StringComparison.Ordinal); depth++)
        {
            result = PropertyReference().Replace(result, m => properties.TryGetValue(m.Groups[1].Value, out var v) ? v : m.Value);
        }

        return result;
    }

    [GeneratedRegex(@"\$\(([A-Za-z_][A-Za-z0-9_.\-]*)\)")]
    private static partial Regex PropertyReference();

    private static XDocument? Load(string text, List<UnparsedEntry> unparsed)
    {
        try
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
            using var reader = XmlReader.Create(new StringReader(text), settings);
            return XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            unparsed.Add(new UnparsedEntry("(file)", "invalid XML: " + e.Message, e.LineNumber));
            return null;
        }
    }

    private static IEnumerable<XElement> Items(XElement root, string name) =>
        root.Descendants().Where(e => e.Name.LocalName == name && e.Parent?.Name.LocalName == "ItemGroup");

    private static string? Attribute(XElement element, string name)
    {
        var attribute = element.Attributes().FirstOrDefault(a => a.Name.LocalName == name);
        if (attribute is not null)
        {
            return attribute.Value;
        }

        // Metadata may also be written as a child element: <Version>1.2.3</Version>.
        return element.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value.Trim();
    }

    private static int? LineOf(XElement element) => ((IXmlLineInfo)element).HasLineInfo() ? ((IXmlLineInfo)element).LineNumber : null;

    private static void CollectProperties(XElement root, Dictionary<string, string> properties)
    {
        foreach (var group in root.Elements().Where(e => e.Name.LocalName == "PropertyGroup"))
        {
            foreach (var property in group.Elements())
            {
                if (!property.HasElements)
                {
                    properties[property.Name.LocalName] = Expand(property.Value.Trim(), properties);
                }
            }
        }
    }

    // MSBuild imports the nearest Directory.Build.props above a project (which may import further ones
    // itself; those explicit imports are not followed).
    private static Dictionary<string, string> InheritedProperties(string directory)
    {
        var properties = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (Nearest(directory, "Directory.Build.props") is { } file)
        {
            var unparsed = new List<UnparsedEntry>();
            var document = Load(File.ReadAllText(file), unparsed);
            if (document?.Root is not null)
            {
                CollectProperties(document.Root, properties);
            }
        }

        return properties;
    }

    // Central package management takes versions from the nearest Directory.Packages.props.
    private static Dictionary<string, string>? CentralVersions(string directory)
    {
        if (Nearest(directory, "Directory.Packages.props") is not { } file)
        {
            return null;
        }

        var unparsed = new List<UnparsedEntry>();
        var document = Load(File.ReadAllText(file), unparsed);
        if (document?.Root is null)
        {
            return null;
        }

        var properties = InheritedProperties(Path.GetDirectoryName(file)!);
        CollectProperties(document.Root, properties);
        var versions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in Items(document.Root, "PackageVersion"))
        {
            if (Attribute(item, "Include") is { } include && Attribute(item, "Version") is { } version)
            {
                versions[include.ToLowerInvariant()] = Expand(version, properties);
            }
        }

        return versions;
    }

    private static string? Nearest(string directory, string fileName)
    {
        for (var current = Path.GetFullPath(directory); current is not null; current = Path.GetDirectoryName(current))
        {
            var candidate = Path.Combine(current, fileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static FileInventory Inventory(string path, LockfileFormat format, List<PackageOccurrence> packages, List<UnparsedEntry> unparsed) =>
        new() { Path = path, Format = format, Packages = packages, Unparsed = unparsed };
}
