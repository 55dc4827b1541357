namespace Heimdall.Heuristics;

/// <summary>Settings of the suspicious-package heuristics.</summary>
public sealed record HeuristicOptions
{
    /// <summary>npm registry base URLs whose tarballs are trusted; defaults to the public npm and yarn registries.</summary>
    public IReadOnlyList<string> NpmRegistries { get; init; } = ["https://registry.npmjs.org/", "https://registry.yarnpkg.com/"];

    /// <summary>The largest edit distance flagged as a likely typosquat.</summary>
    public int TyposquatDistance { get; init; } = 2;

    /// <summary>
    /// Names shorter than this are compared at distance 1 only: two edits turn almost any short name into
    /// another real one (<c>qs</c>, <c>ms</c>, <c>ws</c>).
    /// </summary>
    public int TyposquatFullDistanceMinLength { get; init; } = 6;

    /// <summary>Names shorter than this are not compared at all.</summary>
    public int TyposquatMinLength { get; init; } = 4;

    /// <summary>The popular names to compare against.</summary>
    public PopularPackages Popular { get; init; } = PopularPackages.Bundled;
}
