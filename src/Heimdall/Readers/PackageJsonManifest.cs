using System.Text.Json;
using Heimdall.Packages;

namespace Heimdall.Readers;

/// <summary>
/// The dependency names a package.json declares, to tell direct from transitive dependencies in
/// lockfiles that do not record it (npm v1, yarn 1), and the install scripts of installed packages.
/// </summary>
internal sealed class PackageJsonManifest
{
    private PackageJsonManifest(Dictionary<string, string> production, Dictionary<string, string> dev, Dictionary<string, string> optional, Dictionary<string, string> peer, IReadOnlyList<string> installScripts)
    {
        Production = production;
        Dev = dev;
        Optional = optional;
        Peer = peer;
        InstallScripts = installScripts;
    }

    public Dictionary<string, string> Production { get; }

    public Dictionary<string, string> Dev { get; }

    public Dictionary<string, string> Optional { get; }

    public Dictionary<string, string> Peer { get; }

    /// <summary>The install-time lifecycle scripts present: preinstall, install, postinstall.</summary>
    public IReadOnlyList<string> InstallScripts { get; }

    public bool Declares(string name) => Production.ContainsKey(name) || Dev.ContainsKey(name) || Optional.ContainsKey(name) || Peer.ContainsKey(name);

    /// <summary>True when the manifest declares <paramref name="name"/> with exactly <paramref name="range"/>.</summary>
    public bool Declares(string name, string range) =>
        (Production.TryGetValue(name, out var p) && p == range) || (Dev.TryGetValue(name, out var d) && d == range)
        || (Optional.TryGetValue(name, out var o) && o == range) || (Peer.TryGetValue(name, out var e) && e == range);

    /// <summary>The groups of a direct dependency as the manifest declares it.</summary>
    public DependencyGroups GroupsOf(string name)
    {
        if (Production.ContainsKey(name))
        {
            return Optional.ContainsKey(name) ? DependencyGroups.Optional : DependencyGroups.None;
        }

        var groups = DependencyGroups.None;
        if (Dev.ContainsKey(name))
        {
            groups |= DependencyGroups.Dev;
        }

        if (Optional.ContainsKey(name))
        {
            groups |= DependencyGroups.Optional;
        }

        if (Peer.ContainsKey(name))
        {
            groups |= DependencyGroups.Peer;
        }

        return groups;
    }

    /// <summary>Reads a package.json; a missing or unreadable file gives null.</summary>
    public static PackageJsonManifest? TryRead(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var scripts = new List<string>();
            if (root.TryGetProperty("scripts", out var s) && s.ValueKind == JsonValueKind.Object)
            {
                foreach (var hook in (string[])["preinstall", "install", "postinstall"])
                {
                    if (s.TryGetProperty(hook, out var value) && value.ValueKind == JsonValueKind.String && value.GetString()!.Length > 0)
                    {
                        scripts.Add(hook);
                    }
                }
            }

            return new PackageJsonManifest(
                Names(root, "dependencies"),
                Names(root, "devDependencies"),
                Names(root, "optionalDependencies"),
                Names(root, "peerDependencies"),
                scripts);
        }
        catch (JsonException)
        {
            return null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static Dictionary<string, string> Names(JsonElement root, string property)
    {
        var set = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root.TryGetProperty(property, out var deps) && deps.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in deps.EnumerateObject())
            {
                set[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : "";
            }
        }

        return set;
    }
}
