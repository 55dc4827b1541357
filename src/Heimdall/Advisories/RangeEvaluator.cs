using Heimdall.Packages;
using Heimdall.Versions;

namespace Heimdall.Advisories;

/// <summary>
/// Evaluates OSV <c>affected</c> entries as the OSV schema defines them: events are sorted by version
/// (with introduced <c>"0"</c> lowest) and walked in order; introduced switches affected on at or above its
/// version, fixed switches it off at or above its version, last_affected switches it off above its
/// version; limits bound the whole range (<c>"*"</c> is no bound); explicit <c>versions</c> are affected
/// too. GIT ranges name commits and cannot be evaluated against a registry version.
/// </summary>
public static class RangeEvaluator
{
    /// <summary>Evaluates <paramref name="version"/> (text in the package's ecosystem) against one affected entry.</summary>
    public static RangeVerdict Evaluate(AffectedPackage affected, string version)
    {
        var prepared = PreparedAffected.Create(affected);
        return prepared.Evaluate(version);
    }

    /// <summary>Evaluates a parsed version against one range of a package of <paramref name="ecosystem"/>.</summary>
    public static RangeVerdict Evaluate(Ecosystem ecosystem, AffectedRange range, string version)
    {
        if (range.Type == RangeType.Git)
        {
            return RangeVerdict.NotAffected;
        }

        var prepared = PreparedRange.Create(ecosystem, range);
        return prepared.Evaluate(ecosystem, version);
    }

    /// <summary>Parses a version with the ordering a range type uses for an ecosystem.</summary>
    internal static bool TryParseFor(Ecosystem ecosystem, RangeType type, string text, out IPackageVersion? version)
    {
        if (type == RangeType.Semver)
        {
            if (SemanticVersion.TryParse(text, out var semantic))
            {
                version = semantic;
                return true;
            }

            // A NuGet version under a SEMVER range: read it as NuGet does and compare its normalized form.
            if (ecosystem == Ecosystem.NuGet && NuGetPackageVersion.TryParse(text, out var nuget)
                && SemanticVersion.TryParse(nuget.Normalized, out semantic))
            {
                version = semantic;
                return true;
            }

            version = null;
            return false;
        }

        return VersionSchemes.TryParse(ecosystem, text, out version);
    }
}

/// <summary>A range with its bounds parsed once, for evaluation against many versions.</summary>
internal sealed class PreparedRange
{
    private readonly RangeType _type;
    private readonly (RangeEventKind Kind, IPackageVersion? Version)[] _sorted;
    private readonly IPackageVersion[] _limits;
    private readonly bool _unevaluable;

    private PreparedRange(RangeType type, (RangeEventKind, IPackageVersion?)[] sorted, IPackageVersion[] limits, bool unevaluable)
    {
        _type = type;
        _sorted = sorted;
        _limits = limits;
        _unevaluable = unevaluable;
    }

    public static PreparedRange Create(Ecosystem ecosystem, AffectedRange range)
    {
        var events = new List<(RangeEventKind Kind, IPackageVersion? Version, int Order)>();
        var limits = new List<IPackageVersion>();
        var unevaluable = range.Type == RangeType.Git;
        var order = 0;
        foreach (var e in range.Events)
        {
            order++;
            if (e.Kind == RangeEventKind.Limit)
            {
                if (e.Version == "*")
                {
                    continue;
                }

                if (RangeEvaluator.TryParseFor(ecosystem, range.Type, e.Version, out var limit))
                {
                    limits.Add(limit!);
                }
                else
                {
                    unevaluable = true;
                }

                continue;
            }

            if (e.Kind == RangeEventKind.Introduced && e.Version == "0")
            {
                events.Add((e.Kind, null, order));
                continue;
            }

            if (RangeEvaluator.TryParseFor(ecosystem, range.Type, e.Version, out var parsed))
            {
                events.Add((e.Kind, parsed, order));
            }
            else
            {
                unevaluable = true;
            }
        }

        // Sort by version, "0" first; at equal versions an introduced event comes first so that
        // introduced X + fixed X is an empty range, and the advisory's own order breaks remaining ties.
        events.Sort((a, b) =>
        {
            if (a.Version is null || b.Version is null)
            {
                var byZero = (a.Version is null ? 0 : 1).CompareTo(b.Version is null ? 0 : 1);
                return byZero != 0 ? byZero : a.Order.CompareTo(b.Order);
            }

            var c = a.Version.CompareTo(b.Version);
            if (c != 0)
            {
                return c;
            }

            var ai = a.Kind == RangeEventKind.Introduced ? 0 : 1;
            var bi = b.Kind == RangeEventKind.Introduced ? 0 : 1;
            return ai != bi ? ai.CompareTo(bi) : a.Order.CompareTo(b.Order);
        });
        return new PreparedRange(range.Type, events.Select(e => (e.Kind, e.Version)).ToArray(), [.. limits], unevaluable);
    }

    public RangeVerdict Evaluate(Ecosystem ecosystem, string versionText)
    {
        if (_type == RangeType.Git)
        {
            return RangeVerdict.NotAffected;
        }

        if (!RangeEvaluator.TryParseFor(ecosystem, _type, versionText, out var version))
        {
            return RangeVerdict.Unevaluable;
        }

        return Evaluate(version!);
    }

    public RangeVerdict Evaluate(IPackageVersion version)
    {
        if (_unevaluable)
        {
            return RangeVerdict.Unevaluable;
        }

        if (_limits.Length > 0)
        {
            var below = false;
            foreach (var limit in _limits)
            {
                if (version.CompareTo(limit) < 0)
                {
                    below = true;
                    break;
                }
            }

            if (!below)
            {
                return RangeVerdict.NotAffected;
            }
        }

        var affected = false;
        foreach (var (kind, bound) in _sorted)
        {
            switch (kind)
            {
                case RangeEventKind.Introduced when bound is null || version.CompareTo(bound) >= 0:
                    affected = true;
                    break;
                case RangeEventKind.Fixed when bound is not null && version.CompareTo(bound) >= 0:
                    affected = false;
                    break;
                case RangeEventKind.LastAffected when bound is not null && version.CompareTo(bound) > 0:
                    affected = false;
                    break;
            }
        }

        return affected ? RangeVerdict.Affected : RangeVerdict.NotAffected;
    }

    public RangeType Type => _type;
}

/// <summary>An affected entry with every range prepared and the explicit versions normalized.</summary>
internal sealed class PreparedAffected
{
    private readonly PreparedRange[] _ranges;
    private readonly IPackageVersion[] _versions;
    private readonly HashSet<string> _rawVersions;

    private PreparedAffected(Advisory? advisory, AffectedPackage affected, PreparedRange[] ranges, IPackageVersion[] versions, HashSet<string> raw)
    {
        Advisory = advisory;
        Affected = affected;
        _ranges = ranges;
        _versions = versions;
        _rawVersions = raw;
    }

    public Advisory? Advisory { get; }

    public AffectedPackage Affected { get; }

    public static PreparedAffected Create(AffectedPackage affected, Advisory? advisory = null)
    {
        var ranges = affected.Ranges.Select(r => PreparedRange.Create(affected.Ecosystem, r)).ToArray();
        var versions = new List<IPackageVersion>();
        var raw = new HashSet<string>(StringComparer.Ordinal);
        foreach (var v in affected.Versions)
        {
            raw.Add(v);
            if (VersionSchemes.TryParse(affected.Ecosystem, v, out var parsed))
            {
                versions.Add(parsed);
            }
        }

        return new PreparedAffected(advisory, affected, ranges, [.. versions], raw);
    }

    public RangeVerdict Evaluate(string versionText)
    {
        if (_rawVersions.Contains(versionText))
        {
            return RangeVerdict.Affected;
        }

        var ecosystem = Affected.Ecosystem;
        var parsedOk = VersionSchemes.TryParse(ecosystem, versionText, out var version);
        if (parsedOk)
        {
            foreach (var listed in _versions)
            {
                if (listed.CompareTo(version) == 0)
                {
                    return RangeVerdict.Affected;
                }
            }
        }

        var unevaluable = false;
        foreach (var range in _ranges)
        {
            RangeVerdict verdict;
            if (range.Type == RangeType.Ecosystem && parsedOk)
            {
                verdict = range.Evaluate(version!);
            }
            else
            {
                verdict = range.Evaluate(ecosystem, versionText);
            }

            if (verdict == RangeVerdict.Affected)
            {
                return RangeVerdict.Affected;
            }

            unevaluable |= verdict == RangeVerdict.Unevaluable;
        }

        return unevaluable ? RangeVerdict.Unevaluable : RangeVerdict.NotAffected;
    }
}
