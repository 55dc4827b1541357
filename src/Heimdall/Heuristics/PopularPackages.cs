using System.Reflection;
using Heimdall.Packages;

namespace Heimdall.Heuristics;

/// <summary>The bundled lists of popular package names, per ecosystem.</summary>
public sealed class PopularPackages
{
    private static readonly Lazy<PopularPackages> BundledLazy = new(() => new PopularPackages(Load("popular-npm.txt"), Load("popular-nuget.txt")));

    /// <summary>Creates lists from names.</summary>
    public PopularPackages(IEnumerable<string> npm, IEnumerable<string> nuget)
    {
        Npm = npm.Distinct(StringComparer.Ordinal).ToArray();
        NuGet = nuget.Select(n => n.ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToArray();
        _npmSet = new HashSet<string>(Npm, StringComparer.Ordinal);
        _nugetSet = new HashSet<string>(NuGet, StringComparer.Ordinal);
    }

    private readonly HashSet<string> _npmSet;
    private readonly HashSet<string> _nugetSet;
    private readonly Dictionary<(Ecosystem, int), NearNameIndex> _indexes = [];
    private readonly Lock _indexLock = new();

    /// <summary>The popular names that may lie within <paramref name="maxDistance"/> edits of a normalized name.</summary>
    internal HashSet<string> Candidates(Ecosystem ecosystem, string normalizedName, int maxDistance)
    {
        NearNameIndex? index;
        lock (_indexLock)
        {
            if (!_indexes.TryGetValue((ecosystem, maxDistance), out index))
            {
                index = new NearNameIndex(For(ecosystem), maxDistance);
                _indexes[(ecosystem, maxDistance)] = index;
            }
        }

        return index.Candidates(normalizedName);
    }

    /// <summary>The lists shipped with Heimdall.</summary>
    public static PopularPackages Bundled => BundledLazy.Value;

    /// <summary>Popular npm names.</summary>
    public IReadOnlyList<string> Npm { get; }

    /// <summary>Popular NuGet ids, lower-cased.</summary>
    public IReadOnlyList<string> NuGet { get; }

    /// <summary>The names of one ecosystem (NuGet ids lower-cased).</summary>
    public IReadOnlyList<string> For(Ecosystem ecosystem) => ecosystem == Ecosystem.Npm ? Npm : NuGet;

    /// <summary>True when the normalized name is itself on the list.</summary>
    public bool Contains(Ecosystem ecosystem, string normalizedName) =>
        ecosystem == Ecosystem.Npm ? _npmSet.Contains(normalizedName) : _nugetSet.Contains(normalizedName);

    private static List<string> Load(string resource)
    {
        var assembly = typeof(PopularPackages).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith(resource, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        var names = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            var trimmed = line.Trim();
            if (trimmed.Length > 0 && !trimmed.StartsWith('#'))
            {
                names.Add(trimmed);
            }
        }

        return names;
    }
}
