using System.Diagnostics.CodeAnalysis;
using Heimdall.Packages;

namespace Heimdall.Versions;

/// <summary>Parses versions by ecosystem.</summary>
public static class VersionSchemes
{
    /// <summary>Parses <paramref name="text"/> with the ordering of <paramref name="ecosystem"/>.</summary>
    public static bool TryParse(Ecosystem ecosystem, string? text, [NotNullWhen(true)] out IPackageVersion? version)
    {
        if (ecosystem == Ecosystem.Npm)
        {
            var ok = SemanticVersion.TryParse(text, out var semantic);
            version = semantic;
            return ok;
        }

        var parsed = NuGetPackageVersion.TryParse(text, out var nuget);
        version = nuget;
        return parsed;
    }
}
