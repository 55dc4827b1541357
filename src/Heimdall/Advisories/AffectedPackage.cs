using Heimdall.Packages;

namespace Heimdall.Advisories;

/// <summary>An OSV <c>affected[]</c> entry for one package.</summary>
public sealed record AffectedPackage
{
    /// <summary>The package's ecosystem.</summary>
    public required Ecosystem Ecosystem { get; init; }

    /// <summary>The package name as the advisory spells it.</summary>
    public required string Name { get; init; }

    /// <summary>Version ranges; a version in any of them is affected.</summary>
    public IReadOnlyList<AffectedRange> Ranges { get; init; } = [];

    /// <summary>Versions listed explicitly as affected.</summary>
    public IReadOnlyList<string> Versions { get; init; } = [];

    /// <summary>A severity given for this package alone (GHSA <c>database_specific.severity</c>).</summary>
    public string? Severity { get; init; }
}
