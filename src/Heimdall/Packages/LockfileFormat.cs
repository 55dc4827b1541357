namespace Heimdall.Packages;

/// <summary>The file formats Heimdall reads.</summary>
public enum LockfileFormat
{
    /// <summary><c>package-lock.json</c>.</summary>
    NpmPackageLock,

    /// <summary><c>npm-shrinkwrap.json</c>.</summary>
    NpmShrinkwrap,

    /// <summary><c>yarn.lock</c> written by yarn 1.</summary>
    YarnClassic,

    /// <summary><c>yarn.lock</c> written by yarn 2 or later (berry).</summary>
    YarnBerry,

    /// <summary><c>pnpm-lock.yaml</c>.</summary>
    Pnpm,

    /// <summary>NuGet <c>packages.lock.json</c>.</summary>
    NuGetLock,

    /// <summary>An MSBuild project file (<c>.csproj</c>, <c>.fsproj</c>, <c>.vbproj</c>).</summary>
    MsBuildProject,

    /// <summary><c>Directory.Packages.props</c> (central package management).</summary>
    CentralPackageVersions,

    /// <summary><c>packages.config</c>.</summary>
    PackagesConfig,
}

/// <summary>Text forms of <see cref="LockfileFormat"/>.</summary>
public static class LockfileFormatNames
{
    /// <summary>A stable kebab-case name used in reports.</summary>
    public static string ToName(this LockfileFormat format) => format switch
    {
        LockfileFormat.NpmPackageLock => "package-lock",
        LockfileFormat.NpmShrinkwrap => "npm-shrinkwrap",
        LockfileFormat.YarnClassic => "yarn-classic",
        LockfileFormat.YarnBerry => "yarn-berry",
        LockfileFormat.Pnpm => "pnpm",
        LockfileFormat.NuGetLock => "nuget-lock",
        LockfileFormat.MsBuildProject => "msbuild-project",
        LockfileFormat.CentralPackageVersions => "central-package-versions",
        _ => "packages-config",
    };

    /// <summary>The ecosystem whose packages a format lists.</summary>
    public static Ecosystem EcosystemOf(this LockfileFormat format) => format switch
    {
        LockfileFormat.NpmPackageLock or LockfileFormat.NpmShrinkwrap or LockfileFormat.YarnClassic
            or LockfileFormat.YarnBerry or LockfileFormat.Pnpm => Ecosystem.Npm,
        _ => Ecosystem.NuGet,
    };
}
