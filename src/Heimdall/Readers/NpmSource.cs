using Heimdall.Packages;

namespace Heimdall.Readers;

/// <summary>Classifies npm-style resolved values and version specifiers.</summary>
internal static class NpmSource
{
    /// <summary>Registry tarball hosts considered "the registry" when no other is configured.</summary>
    public static readonly string[] DefaultRegistries = ["https://registry.npmjs.org/", "https://registry.yarnpkg.com/"];

    public static (SourceKind Kind, string? Commit) Classify(string? resolvedOrSpec)
    {
        if (string.IsNullOrEmpty(resolvedOrSpec))
        {
            return (SourceKind.Registry, null);
        }

        var s = resolvedOrSpec;
        if (s.StartsWith("git+", StringComparison.Ordinal) || s.StartsWith("git://", StringComparison.Ordinal)
            || s.StartsWith("github:", StringComparison.Ordinal) || s.StartsWith("gitlab:", StringComparison.Ordinal)
            || s.StartsWith("bitbucket:", StringComparison.Ordinal) || s.StartsWith("git@", StringComparison.Ordinal)
            || s.Contains(".git#", StringComparison.Ordinal) || s.Contains("#commit=", StringComparison.Ordinal))
        {
            return (SourceKind.Git, CommitOf(s));
        }

        if (s.StartsWith("file:", StringComparison.Ordinal))
        {
            return (SourceKind.File, null);
        }

        if (s.StartsWith("link:", StringComparison.Ordinal) || s.StartsWith("portal:", StringComparison.Ordinal))
        {
            return (SourceKind.Link, null);
        }

        if (s.StartsWith("workspace:", StringComparison.Ordinal))
        {
            return (SourceKind.Project, null);
        }

        if (s.StartsWith("https://codeload.github.com/", StringComparison.Ordinal))
        {
            return (SourceKind.Git, CommitOf(s));
        }

        if (s.StartsWith("http://", StringComparison.Ordinal) || s.StartsWith("https://", StringComparison.Ordinal))
        {
            // Registries (and their mirrors) serve tarballs at <registry>/<name>/-/<file>.tgz; whether the
            // host is a trusted registry is the heuristics' question, not the reader's.
            var path = s.Split('#', '?')[0];
            return path.Contains("/-/", StringComparison.Ordinal) && path.EndsWith(".tgz", StringComparison.Ordinal)
                ? (SourceKind.Registry, null)
                : (SourceKind.Tarball, null);
        }

        return (SourceKind.Registry, null);
    }

    /// <summary>True for an http(s) URL on one of the registries' hosts.</summary>
    public static bool IsRegistryUrl(string url, IReadOnlyList<string> registries)
    {
        foreach (var registry in registries)
        {
            if (url.StartsWith(registry, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static string? CommitOf(string s)
    {
        var commitMark = s.IndexOf("#commit=", StringComparison.Ordinal);
        if (commitMark >= 0)
        {
            return s[(commitMark + 8)..];
        }

        var hash = s.LastIndexOf('#');
        if (hash >= 0 && hash < s.Length - 1)
        {
            return s[(hash + 1)..];
        }

        // codeload.github.com/owner/repo/tar.gz/<commit>
        var tar = s.IndexOf("/tar.gz/", StringComparison.Ordinal);
        return tar >= 0 ? s[(tar + 8)..] : null;
    }

    /// <summary>Splits <c>name@spec</c>, keeping the scope's leading <c>@</c> with the name.</summary>
    public static bool TrySplitNameAndSpec(string text, out string name, out string spec)
    {
        var at = text.IndexOf('@', text.StartsWith('@') ? 1 : 0);
        if (at <= 0)
        {
            name = text;
            spec = "";
            return false;
        }

        name = text[..at];
        spec = text[(at + 1)..];
        return name.Length > 0;
    }

    /// <summary>True for a plausible npm package name (scoped or not).</summary>
    public static bool IsValidName(string name)
    {
        if (name.Length is 0 or > 214)
        {
            return false;
        }

        // npm names are URL-safe; anything else is a damaged or hostile entry, not a package.
        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '.' or '_' or '~' or '!' or '*' or '\'' or '(' or ')' or '@' or '/'))
            {
                return false;
            }
        }

        if (name.StartsWith('@'))
        {
            var slash = name.IndexOf('/', StringComparison.Ordinal);
            return slash > 1 && slash < name.Length - 1 && !name.AsSpan(slash + 1).Contains('/');
        }

        return !name.Contains('/', StringComparison.Ordinal) && !name.Contains(' ', StringComparison.Ordinal);
    }
}
