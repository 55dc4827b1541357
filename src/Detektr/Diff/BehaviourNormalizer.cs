using System.Text;
using System.Text.RegularExpressions;

namespace Detektr.Diff;

/// <summary>Rewrites the parts of paths and command lines that change from run to run of the same
/// artifact — names that <c>mktemp</c>, <c>tempfile</c> and friends make up, long hexadecimal ids,
/// UUIDs, time stamps — to <c>*</c>, so that two runs doing the same thing compare equal.</summary>
/// <remarks>Under the temporary directories (<c>/tmp</c>, <c>/var/tmp</c>, <c>/dev/shm</c>, <c>/run</c>)
/// every part of a file name (split at <c>.</c>, <c>-</c> and <c>_</c>) that looks random is replaced:
/// six or more characters mixing letters and digits (<c>tmp.2LoiHI</c> → <c>tmp.*</c>), six or more
/// letters with an upper-case letter after the first beside lower-case ones (<c>tmp.RfrmpA</c>), four or more digits (a pid or a time
/// stamp), and Python's <c>tmpXXXXXXXX</c>. Elsewhere only UUIDs and hexadecimal runs of 16 or more
/// digits are replaced, so that <c>/usr/bin/sha256sum</c> stays as it is.</remarks>
public static partial class BehaviourNormalizer
{
    /// <summary>What replaces a random part.</summary>
    public const string Placeholder = "*";

    private static readonly string[] TemporaryRoots = ["/tmp", "/var/tmp", "/dev/shm", "/run"];

    /// <summary>The path with random parts replaced.</summary>
    public static string NormalizePath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var temporary = IsUnderTemporaryRoot(path);
        var components = path.Split('/');
        for (var i = 0; i < components.Length; i++)
        {
            components[i] = NormalizeComponent(components[i], temporary && i >= 2);
        }

        return string.Join('/', components);
    }

    /// <summary>The command line with every path under a temporary directory normalized (wherever it
    /// appears: an argument, <c>--out=/tmp/x.Ab12Cd</c>, inside quotes) and UUIDs and long hexadecimal
    /// ids replaced.</summary>
    public static string NormalizeCommandLine(string commandLine)
    {
        ArgumentNullException.ThrowIfNull(commandLine);
        var paths = TemporaryPathPattern().Replace(commandLine, m => NormalizePath(m.Value));
        return LongIdPattern().Replace(paths, Placeholder);
    }

    private static bool IsUnderTemporaryRoot(string path) =>
        TemporaryRoots.Any(root => path.StartsWith(root, StringComparison.Ordinal)
                                   && (path.Length == root.Length || path[root.Length] == '/'));

    private static string NormalizeComponent(string component, bool temporary)
    {
        if (component.Length == 0)
        {
            return component;
        }

        if (!temporary)
        {
            return LongIdPattern().Replace(component, Placeholder);
        }

        if (PythonTemporaryName().IsMatch(component))
        {
            return "tmp" + Placeholder;
        }

        var builder = new StringBuilder(component.Length);
        var start = 0;
        for (var i = 0; i <= component.Length; i++)
        {
            if (i < component.Length && component[i] is not ('.' or '-' or '_'))
            {
                continue;
            }

            var token = component[start..i];
            builder.Append(LooksRandom(token) ? Placeholder : LongIdPattern().Replace(token, Placeholder));
            if (i < component.Length)
            {
                builder.Append(component[i]);
            }

            start = i + 1;
        }

        return builder.ToString();
    }

    /// <summary>True for a token that a random-name generator would make rather than a person.</summary>
    internal static bool LooksRandom(string token)
    {
        if (token.Length >= 4 && token.All(char.IsAsciiDigit))
        {
            return true;
        }

        if (token.Length < 6 || !token.All(char.IsAsciiLetterOrDigit))
        {
            return false;
        }

        var digits = token.Count(char.IsAsciiDigit);
        if (digits > 0 && digits < token.Length)
        {
            return true;
        }

        // mktemp's letters: an upper-case letter after the first character, beside lower-case ones.
        return token.Skip(1).Any(char.IsAsciiLetterUpper) && token.Any(char.IsAsciiLetterLower);
    }

    /// <summary>When two normalized descriptions differ only in names under a temporary directory that
    /// one generator could have made from one template — each differing part letters and digits only,
    /// of the same length (six or more), not both lower case — returns the description with those
    /// parts replaced by <see cref="Placeholder"/>; otherwise null. This catches the random names
    /// that <see cref="NormalizePath"/> cannot tell from words (<c>job.qwerty</c> beside <c>job.Xk29aQ</c>),
    /// while <c>report.txt</c> and <c>result.txt</c> stay apart.</summary>
    public static string? MergeRandomNames(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var left = TokenPattern().Matches(a);
        var right = TokenPattern().Matches(b);
        if (left.Count != right.Count || a == b)
        {
            return null;
        }

        var merged = new StringBuilder(a.Length);
        for (var i = 0; i < left.Count; i++)
        {
            var x = left[i].Value;
            var y = right[i].Value;
            if (x == y)
            {
                merged.Append(x);
                continue;
            }

            var prefix = merged.ToString();
            var underTemporary = TemporaryRoots.Any(root => prefix.Contains(root + "/", StringComparison.Ordinal));
            if (!underTemporary || x.Length != y.Length || x.Length < 6
                || !x.All(char.IsAsciiLetterOrDigit) || !y.All(char.IsAsciiLetterOrDigit)
                || (x.All(char.IsAsciiLetterLower) && y.All(char.IsAsciiLetterLower)))
            {
                return null;
            }

            merged.Append(Placeholder[0]);
        }

        return merged.ToString();
    }

    [GeneratedRegex(@"(?<![\w./-])(?:/tmp|/var/tmp|/dev/shm|/run)(?:/[^\s'""=:;,|&<>()]*)?", RegexOptions.CultureInvariant)]
    private static partial Regex TemporaryPathPattern();

    /// <summary>Runs of letters and digits, and every other character on its own.</summary>
    [GeneratedRegex(@"[A-Za-z0-9]+|[^A-Za-z0-9]", RegexOptions.CultureInvariant)]
    private static partial Regex TokenPattern();

    [GeneratedRegex(@"^tmp[a-z0-9_]{8}$", RegexOptions.CultureInvariant)]
    private static partial Regex PythonTemporaryName();

    /// <summary>A UUID, or 16 or more hexadecimal digits with at least one digit and one letter.</summary>
    [GeneratedRegex(@"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|(?<![0-9a-fA-F])(?=[0-9a-fA-F]*[0-9])(?=[0-9a-fA-F]*[a-fA-F])[0-9a-fA-F]{16,}(?![0-9a-fA-F])", RegexOptions.CultureInvariant)]
    private static partial Regex LongIdPattern();
}
