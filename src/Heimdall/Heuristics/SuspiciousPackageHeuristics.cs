using Heimdall.Advisories;
using Heimdall.Matching;
using Heimdall.Packages;

namespace Heimdall.Heuristics;

/// <summary>
/// Flags suspicious traits of packages, separately from advisories, each with its reason: install
/// scripts, contents from outside the registry, names one or two edits from a popular package, and NuGet
/// content hashes that differ for the same version between lockfiles.
/// </summary>
public static class SuspiciousPackageHeuristics
{
    /// <summary>Rule id: the package runs scripts at install time.</summary>
    public const string InstallScriptRule = "HEIMDALL-INSTALL-SCRIPT";

    /// <summary>Rule id: the package's tarball comes from outside the registries.</summary>
    public const string NonRegistrySourceRule = "HEIMDALL-NON-REGISTRY-SOURCE";

    /// <summary>Rule id: the package comes from a git repository.</summary>
    public const string GitSourceRule = "HEIMDALL-GIT-SOURCE";

    /// <summary>Rule id: the name is close to a popular package's name.</summary>
    public const string TyposquatRule = "HEIMDALL-TYPOSQUAT";

    /// <summary>Rule id: the same NuGet package version has different content hashes.</summary>
    public const string ContentHashDriftRule = "HEIMDALL-CONTENT-HASH-DRIFT";

    /// <summary>Runs every heuristic over an inventory.</summary>
    /// <param name="inventory">What was read.</param>
    /// <param name="options">Heuristic settings.</param>
    /// <param name="knownContentHashes">Content hashes from earlier scans (name|version → hash), for drift over time.</param>
    public static List<Finding> Evaluate(Inventory inventory, HeuristicOptions options, IReadOnlyDictionary<string, string>? knownContentHashes = null)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        ArgumentNullException.ThrowIfNull(options);
        var findings = new List<Finding>();
        foreach (var package in inventory.Packages)
        {
            if (InstallScript(inventory.Root, package) is { } reason)
            {
                findings.Add(Create(InstallScriptRule, "Runs scripts at install time", reason, SeverityLevel.Low, package));
            }

            if (package.Ecosystem == Ecosystem.Npm && package.Resolved is { } resolved && package.Source is SourceKind.Registry or SourceKind.Tarball
                && (resolved.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || resolved.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
                && !Readers.NpmSource.IsRegistryUrl(resolved, options.NpmRegistries))
            {
                findings.Add(Create(NonRegistrySourceRule, "Resolved outside the registry", $"{package.Name} {package.Version} resolves to {resolved}, outside the configured registries", SeverityLevel.Medium, package));
            }

            if (package.Source == SourceKind.Git)
            {
                var at = package.Commit is null ? "" : " at commit " + package.Commit;
                findings.Add(Create(GitSourceRule, "Fetched from a git repository", $"{package.Name} comes from {package.Resolved ?? "a git repository"}{at}, not from the registry", SeverityLevel.Low, package));
            }
        }

        findings.AddRange(Typosquats(inventory, options));
        findings.AddRange(ContentHashDrift(inventory, knownContentHashes));
        return findings;
    }

    /// <summary>The popular name within the configured distance of <paramref name="name"/>, if any.</summary>
    public static (string Popular, int Distance)? NearestPopular(Ecosystem ecosystem, string name, HeuristicOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var normalized = ecosystem.NormalizeName(name);
        if (normalized.Length < options.TyposquatMinLength || options.Popular.Contains(ecosystem, normalized))
        {
            return null;
        }

        var max = normalized.Length < options.TyposquatFullDistanceMinLength ? 1 : options.TyposquatDistance;
        // Scoped packages of the same name (@types/lodash, @babel/core) are the same family, not squats.
        var slash = normalized.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0 && options.Popular.Contains(ecosystem, normalized[(slash + 1)..]))
        {
            return null;
        }

        (string, int)? best = null;
        foreach (var popular in options.Popular.Candidates(ecosystem, normalized, max).Order(StringComparer.Ordinal))
        {
            if (popular.Length < options.TyposquatMinLength)
            {
                continue;
            }

            var limit = popular.Length < options.TyposquatFullDistanceMinLength ? Math.Min(1, max) : max;
            var distance = EditDistance.Bounded(normalized, popular, limit);
            if (distance <= limit && (best is null || distance < best.Value.Item2))
            {
                best = (popular, distance);
            }
        }

        return best;
    }

    private static IEnumerable<Finding> Typosquats(Inventory inventory, HeuristicOptions options)
    {
        var verdicts = new Dictionary<(Ecosystem, string), (string Popular, int Distance)?>();
        foreach (var package in inventory.Packages)
        {
            var key = (package.Ecosystem, package.Name);
            if (!verdicts.TryGetValue(key, out var near))
            {
                near = NearestPopular(package.Ecosystem, package.Name, options);
                verdicts[key] = near;
            }

            if (near is { } n)
            {
                var popularName = package.Ecosystem == Ecosystem.NuGet
                    ? options.Popular.NuGet.First(p => p == n.Popular)
                    : n.Popular;
                yield return Create(TyposquatRule, "Name resembles a popular package",
                    $"'{package.Name}' is {n.Distance} edit{(n.Distance == 1 ? "" : "s")} away from the popular package '{popularName}'",
                    SeverityLevel.Medium, package);
            }
        }
    }

    private static IEnumerable<Finding> ContentHashDrift(Inventory inventory, IReadOnlyDictionary<string, string>? known)
    {
        var groups = inventory.Packages
            .Where(p => p.Ecosystem == Ecosystem.NuGet && p.Version is not null && p.Integrity is not null)
            .GroupBy(p => ContentHashKey(p));
        foreach (var group in groups)
        {
            var hashes = group.Select(p => p.Integrity!).Distinct(StringComparer.Ordinal).ToList();
            string? earlier = null;
            known?.TryGetValue(group.Key, out earlier);
            if (earlier is not null && !hashes.Contains(earlier))
            {
                hashes.Insert(0, earlier);
            }

            if (hashes.Count < 2)
            {
                continue;
            }

            var reference = earlier ?? group.First().Integrity!;
            var referenceFile = earlier is not null ? "an earlier scan" : group.First().File;
            foreach (var package in group.Where(p => !string.Equals(p.Integrity, reference, StringComparison.Ordinal)).DistinctBy(p => p.File))
            {
                yield return Create(ContentHashDriftRule, "Content hash differs for the same version",
                    $"{package.Name} {package.Version} has content hash {Short(package.Integrity!)} in {package.File} but {Short(reference)} in {referenceFile}",
                    SeverityLevel.High, package);
            }
        }
    }

    /// <summary>The key content hashes are remembered under: lower-case id and normalized version.</summary>
    public static string ContentHashKey(PackageOccurrence package)
    {
        ArgumentNullException.ThrowIfNull(package);
        var version = Versions.NuGetPackageVersion.TryParse(package.Version, out var v) ? v.Normalized : package.Version;
        return package.Name.ToLowerInvariant() + "|" + version;
    }

    private static string? InstallScript(string root, PackageOccurrence package)
    {
        if (package.Ecosystem != Ecosystem.Npm)
        {
            return null;
        }

        if (package.HasInstallScript)
        {
            return package.File.EndsWith("pnpm-lock.yaml", StringComparison.Ordinal)
                ? $"{package.Name} {package.Version} needs a build step at install time (requiresBuild)"
                : $"{package.Name} {package.Version} runs an install script (hasInstallScript)";
        }

        // When node_modules is installed next to the lockfile, read the package's own lifecycle scripts.
        if (package.Location is { } location && location.StartsWith("node_modules/", StringComparison.Ordinal))
        {
            var folder = Path.GetDirectoryName(Path.Combine(root, package.File)) ?? root;
            var manifest = Readers.PackageJsonManifest.TryRead(Path.Combine(folder, location, "package.json"));
            if (manifest is { InstallScripts.Count: > 0 })
            {
                return $"{package.Name} {package.Version} declares {string.Join(", ", manifest.InstallScripts)} in its package.json";
            }
        }

        return null;
    }

    private static string Short(string hash) => hash.Length <= 16 ? hash : hash[..16] + "…";

    private static Finding Create(string rule, string title, string reason, SeverityLevel level, PackageOccurrence package) => new()
    {
        Category = FindingCategory.Suspicious,
        RuleId = rule,
        Title = title,
        Reason = reason,
        Severity = new SeverityRating(level, null, null, "heuristic"),
        Package = package,
        Fingerprint = Finding.FingerprintOf(rule, package),
    };
}
