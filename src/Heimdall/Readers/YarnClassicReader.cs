using System.Text;
using Heimdall.Packages;

namespace Heimdall.Readers;

/// <summary>
/// Reads yarn 1 lockfiles: blocks headed by one or more <c>name@range</c> patterns, with indented
/// <c>key value</c> lines and nested <c>dependencies:</c> maps.
/// </summary>
internal static class YarnClassicReader
{
    public static FileInventory Read(string text, string relativePath, PackageJsonManifest? manifest)
    {
        var packages = new List<PackageOccurrence>();
        var unparsed = new List<UnparsedEntry>();
        var lines = text.Split('\n');
        Block? block = null;
        string? nested = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var raw = lines[i].TrimEnd('\r');
            var lineNumber = i + 1;
            if (raw.Length == 0 || raw.TrimStart().StartsWith('#'))
            {
                continue;
            }

            var indent = raw.Length - raw.TrimStart(' ').Length;
            var content = raw.Trim();
            if (indent == 0)
            {
                Finish(block, relativePath, manifest, packages, unparsed);
                block = null;
                nested = null;
                if (!content.EndsWith(':'))
                {
                    unparsed.Add(new UnparsedEntry(Shorten(content), "expected a 'name@range:' header", lineNumber));
                    continue;
                }

                block = new Block(content[..^1], lineNumber);
                continue;
            }

            if (block is null)
            {
                // Indented lines under a header that was already rejected.
                continue;
            }

            if (indent == 2)
            {
                nested = null;
                if (content.EndsWith(':'))
                {
                    nested = Unquote(content[..^1]);
                    continue;
                }

                if (!SplitKeyValue(content, out var key, out var value))
                {
                    block.Error ??= $"unreadable line '{Shorten(content)}'";
                    continue;
                }

                block.Fields[key] = value;
            }
            else if (nested is not null && SplitKeyValue(content, out var depName, out _))
            {
                if (nested is "dependencies" or "optionalDependencies")
                {
                    block.Dependencies.Add(depName);
                }
            }
        }

        Finish(block, relativePath, manifest, packages, unparsed);
        return new FileInventory { Path = relativePath, Format = LockfileFormat.YarnClassic, FormatVersion = "v1", Packages = packages, Unparsed = unparsed };
    }

    private static void Finish(Block? block, string file, PackageJsonManifest? manifest, List<PackageOccurrence> packages, List<UnparsedEntry> unparsed)
    {
        if (block is null)
        {
            return;
        }

        var patterns = SplitPatterns(block.Header);
        if (block.Error is not null)
        {
            unparsed.Add(new UnparsedEntry(Shorten(block.Header), block.Error, block.Line));
            return;
        }

        if (patterns.Count == 0 || !NpmSource.TrySplitNameAndSpec(patterns[0], out var name, out _))
        {
            unparsed.Add(new UnparsedEntry(Shorten(block.Header), "the header names no 'name@range' pattern", block.Line));
            return;
        }

        if (!block.Fields.TryGetValue("version", out var version))
        {
            unparsed.Add(new UnparsedEntry(Shorten(block.Header), "the entry has no version", block.Line));
            return;
        }

        var installName = name;
        var specs = patterns.Select(p => NpmSource.TrySplitNameAndSpec(p, out _, out var s) ? s : "").ToList();
        var alias = specs.FirstOrDefault(s => s.StartsWith("npm:", StringComparison.Ordinal));
        if (alias is not null && NpmSource.TrySplitNameAndSpec(alias[4..], out var real, out _))
        {
            name = real;
        }

        if (!NpmSource.IsValidName(name))
        {
            unparsed.Add(new UnparsedEntry(Shorten(block.Header), $"'{name}' is not a valid package name", block.Line));
            return;
        }

        block.Fields.TryGetValue("resolved", out var resolved);
        var specSource = specs.Select(s => NpmSource.Classify(s)).FirstOrDefault(c => c.Kind != SourceKind.Registry);
        var fromResolved = NpmSource.Classify(resolved);
        var (source, commit) = specSource.Kind != SourceKind.Registry ? specSource : fromResolved;
        if (source == SourceKind.Git && fromResolved.Kind == SourceKind.Git)
        {
            // The resolved URL pins the commit; the pattern may only name a branch or tag.
            commit = fromResolved.Commit;
        }
        if (source == SourceKind.Registry && !Versions.SemanticVersion.TryParse(version, out _))
        {
            unparsed.Add(new UnparsedEntry(Shorten(block.Header), $"'{version}' is not a SemVer version", block.Line));
            return;
        }

        if (source is SourceKind.File or SourceKind.Link && resolved is null)
        {
            resolved = specs.First(s => s.Length > 0);
        }

        var kind = DependencyKind.Unknown;
        var groups = DependencyGroups.None;
        if (manifest is not null)
        {
            var direct = patterns.Any(p => NpmSource.TrySplitNameAndSpec(p, out var n, out var s) && manifest.Declares(n, s));
            kind = direct ? DependencyKind.Direct : DependencyKind.Transitive;
            if (direct)
            {
                groups = manifest.GroupsOf(installName);
            }
        }

        block.Fields.TryGetValue("integrity", out var integrity);
        packages.Add(new PackageOccurrence
        {
            Ecosystem = Ecosystem.Npm,
            Name = name,
            Version = version,
            Kind = kind,
            Groups = groups,
            Source = source,
            Resolved = resolved,
            Commit = commit,
            Integrity = integrity,
            File = file,
            Location = patterns[0],
            Line = block.Line,
            Dependencies = block.Dependencies,
        });
    }

    private static List<string> SplitPatterns(string header)
    {
        var patterns = new List<string>();
        foreach (var part in header.Split(", "))
        {
            var p = Unquote(part.Trim());
            if (p.Length > 0)
            {
                patterns.Add(p);
            }
        }

        return patterns;
    }

    private static bool SplitKeyValue(string content, out string key, out string value)
    {
        key = "";
        value = "";
        int split;
        if (content.StartsWith('"'))
        {
            var close = content.IndexOf('"', 1);
            if (close < 0)
            {
                return false;
            }

            split = close + 1;
        }
        else
        {
            split = content.IndexOf(' ', StringComparison.Ordinal);
        }

        if (split <= 0 || split >= content.Length)
        {
            return false;
        }

        key = Unquote(content[..split]);
        value = Unquote(content[split..].Trim());
        return key.Length > 0;
    }

    private static string Unquote(string s)
    {
        if (s.Length >= 2 && s[0] == '"' && s[^1] == '"')
        {
            var inner = s[1..^1];
            if (!inner.Contains('\\', StringComparison.Ordinal))
            {
                return inner;
            }

            var sb = new StringBuilder(inner.Length);
            for (var i = 0; i < inner.Length; i++)
            {
                if (inner[i] == '\\' && i + 1 < inner.Length)
                {
                    i++;
                }

                sb.Append(inner[i]);
            }

            return sb.ToString();
        }

        return s;
    }

    private static string Shorten(string s) => s.Length <= 120 ? s : s[..117] + "...";

    private sealed class Block(string header, int line)
    {
        public string Header { get; } = header;

        public int Line { get; } = line;

        public Dictionary<string, string> Fields { get; } = new(StringComparer.Ordinal);

        public List<string> Dependencies { get; } = [];

        public string? Error { get; set; }
    }
}
