namespace Heimdall.Packages;

/// <summary>The package ecosystem a dependency belongs to; decides name and version semantics.</summary>
public enum Ecosystem
{
    /// <summary>The npm registry (package-lock, yarn, pnpm).</summary>
    Npm,

    /// <summary>NuGet (packages.lock.json, project files, packages.config).</summary>
    NuGet,
}

/// <summary>Names of ecosystems as OSV and package URLs spell them.</summary>
public static class EcosystemNames
{
    /// <summary>The OSV ecosystem name: <c>npm</c> or <c>NuGet</c>.</summary>
    public static string ToOsv(this Ecosystem ecosystem) => ecosystem == Ecosystem.Npm ? "npm" : "NuGet";

    /// <summary>The package URL type: <c>npm</c> or <c>nuget</c>.</summary>
    public static string ToPurlType(this Ecosystem ecosystem) => ecosystem == Ecosystem.Npm ? "npm" : "nuget";

    /// <summary>Reads an OSV ecosystem name; other ecosystems (and OSV's <c>npm:...</c> suffixed forms) are rejected.</summary>
    public static bool TryParseOsv(string? name, out Ecosystem ecosystem)
    {
        switch (name)
        {
            case "npm":
                ecosystem = Ecosystem.Npm;
                return true;
            case "NuGet":
                ecosystem = Ecosystem.NuGet;
                return true;
            default:
                ecosystem = default;
                return false;
        }
    }

    /// <summary>
    /// The form of a package name used to look it up: npm names are case-sensitive, NuGet ids are not.
    /// </summary>
    public static string NormalizeName(this Ecosystem ecosystem, string name) =>
        ecosystem == Ecosystem.NuGet ? name.ToLowerInvariant() : name;
}
