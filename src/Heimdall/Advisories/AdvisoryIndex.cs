using Heimdall.Packages;

namespace Heimdall.Advisories;

/// <summary>Advisories indexed by ecosystem and package name, with every range parsed once.</summary>
public sealed class AdvisoryIndex
{
    private readonly Dictionary<string, List<PreparedAffected>> _byPackage = new(StringComparer.Ordinal);

    /// <summary>Builds the index; later advisories with an id already seen are ignored.</summary>
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
                var key = Key(affected.Ecosystem, affected.Name);
                if (!_byPackage.TryGetValue(key, out var list))
                {
                    list = [];
                    _byPackage[key] = list;
                }

                list.Add(PreparedAffected.Create(affected, advisory));
            }
        }

        Count = seen.Count;
    }

    /// <summary>The number of distinct advisories.</summary>
    public int Count { get; }

    /// <summary>The advisories affecting <paramref name="version"/> of a package.</summary>
    /// <param name="ecosystem">The package's ecosystem.</param>
    /// <param name="name">The package name.</param>
    /// <param name="version">The exact version.</param>
    /// <param name="unevaluable">How many advisories for the package could not be evaluated.</param>
    public IReadOnlyList<Advisory> Match(Ecosystem ecosystem, string name, string version, out int unevaluable)
    {
        unevaluable = 0;
        if (!_byPackage.TryGetValue(Key(ecosystem, name), out var candidates))
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

    private static string Key(Ecosystem ecosystem, string name) =>
        ecosystem == Ecosystem.Npm ? "npm:" + name : "nuget:" + name.ToLowerInvariant();
}
