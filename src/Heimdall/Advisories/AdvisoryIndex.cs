using Heimdall.Packages;

namespace Heimdall.Advisories;

/// <summary>
/// Advisories indexed by ecosystem and package name, with every range parsed once. Built either from
/// advisories in memory or over a store's offset index, in which case only the advisories of the
/// package names actually looked up are read and parsed.
/// </summary>
public sealed class AdvisoryIndex
{
    private readonly Dictionary<string, List<PreparedAffected>> _byPackage = new(StringComparer.Ordinal);
    private readonly Func<string, IReadOnlyList<Advisory>>? _load;
    private readonly Lock _gate = new();

    /// <summary>Builds the index in memory; later advisories with an id already seen are ignored.</summary>
    public AdvisoryIndex(IEnumerable<Advisory> advisories)
    {
        ArgumentNullException.ThrowIfNull(advisories);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var advisory in advisories)
        {
            if (!seen.Add(advisory.Id))
            {
                continue;
            }

            foreach (var affected in advisory.Affected)
            {
                Add(Key(affected.Ecosystem, affected.Name), affected, advisory);
            }
        }

        Count = seen.Count;
    }

    /// <summary>Builds an index that asks <paramref name="load"/> for the advisories of a package key on first use.</summary>
    /// <param name="count">The number of advisories behind the loader.</param>
    /// <param name="load">Returns the advisories affecting a key (<see cref="Key"/>).</param>
    internal AdvisoryIndex(int count, Func<string, IReadOnlyList<Advisory>> load)
    {
        Count = count;
        _load = load;
    }

    /// <summary>The number of distinct advisories.</summary>
    public int Count { get; }

    /// <summary>The lookup key of a package: ecosystem and name, NuGet ids lower-cased.</summary>
    public static string Key(Ecosystem ecosystem, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return ecosystem == Ecosystem.Npm ? "npm:" + name : "nuget:" + name.ToLowerInvariant();
    }

    /// <summary>The advisories affecting <paramref name="version"/> of a package.</summary>
    /// <param name="ecosystem">The package's ecosystem.</param>
    /// <param name="name">The package name.</param>
    /// <param name="version">The exact version.</param>
    /// <param name="unevaluable">How many advisories for the package could not be evaluated.</param>
    public IReadOnlyList<Advisory> Match(Ecosystem ecosystem, string name, string version, out int unevaluable)
    {
        unevaluable = 0;
        var candidates = Candidates(Key(ecosystem, name));
        if (candidates is null)
        {
            return [];
        }

        List<Advisory>? matches = null;
        foreach (var candidate in candidates)
        {
            switch (candidate.Evaluate(version))
            {
                case RangeVerdict.Affected:
                    matches ??= [];
                    if (!matches.Contains(candidate.Advisory!))
                    {
                        matches.Add(candidate.Advisory!);
                    }

                    break;
                case RangeVerdict.Unevaluable:
                    unevaluable++;
                    break;
            }
        }

        return (IReadOnlyList<Advisory>?)matches ?? [];
    }

    private List<PreparedAffected>? Candidates(string key)
    {
        lock (_gate)
        {
            if (_byPackage.TryGetValue(key, out var list))
            {
                return list;
            }

            if (_load is null)
            {
                return null;
            }

            // Remember misses too, so a name is read from the store at most once.
            list = [];
            _byPackage[key] = list;
            foreach (var advisory in _load(key).DistinctBy(a => a.Id))
            {
                foreach (var affected in advisory.Affected.Where(a => Key(a.Ecosystem, a.Name) == key))
                {
                    list.Add(PreparedAffected.Create(affected, advisory));
                }
            }

            return list;
        }
    }

    private void Add(string key, AffectedPackage affected, Advisory advisory)
    {
        if (!_byPackage.TryGetValue(key, out var list))
        {
            list = [];
            _byPackage[key] = list;
        }

        list.Add(PreparedAffected.Create(affected, advisory));
    }
}
