using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Heimdall.Versions;

/// <summary>
/// A SemVer 2.0.0 version as npm and OSV's SEMVER ranges use it. Precedence follows the specification:
/// numeric components and numeric pre-release identifiers compare by value at any size, alphanumeric
/// identifiers compare in ASCII order, a pre-release sorts before its release, build metadata is ignored.
/// </summary>
public sealed class SemanticVersion : IPackageVersion, IEquatable<SemanticVersion>
{
    private readonly string[] _prerelease;

    private SemanticVersion(string major, string minor, string patch, string[] prerelease, string? build)
    {
        Major = major;
        Minor = minor;
        Patch = patch;
        _prerelease = prerelease;
        Build = build;
        var text = new StringBuilder().Append(major).Append('.').Append(minor).Append('.').Append(patch);
        if (prerelease.Length > 0)
        {
            text.Append('-').AppendJoin('.', prerelease);
        }

        Normalized = text.ToString();
    }

    /// <summary>The major component as decimal digits.</summary>
    public string Major { get; }

    /// <summary>The minor component as decimal digits.</summary>
    public string Minor { get; }

    /// <summary>The patch component as decimal digits.</summary>
    public string Patch { get; }

    /// <summary>The pre-release identifiers, empty for a release.</summary>
    public IReadOnlyList<string> Prerelease => _prerelease;

    /// <summary>The build metadata, which takes no part in ordering.</summary>
    public string? Build { get; }

    /// <summary>True when the version has pre-release identifiers.</summary>
    public bool IsPrerelease => _prerelease.Length > 0;

    /// <inheritdoc />
    public string Normalized { get; }

    /// <summary>
    /// Parses a strict SemVer 2.0.0 version. A leading <c>v</c> or <c>=</c> (which npm tolerates) and
    /// surrounding whitespace are accepted; leading zeros in numeric parts are not.
    /// </summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out SemanticVersion? version)
    {
        version = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.AsSpan().Trim();
        if (s.Length > 0 && s[0] is '=' or 'v' or 'V')
        {
            s = s[1..];
        }

        string? build = null;
        var plus = s.IndexOf('+');
        if (plus >= 0)
        {
            var meta = s[(plus + 1)..];
            if (!ValidIdentifiers(meta, numericRule: false))
            {
                return false;
            }

            build = meta.ToString();
            s = s[..plus];
        }

        string[] prerelease = [];
        var dash = s.IndexOf('-');
        if (dash >= 0)
        {
            var pre = s[(dash + 1)..];
            if (!ValidIdentifiers(pre, numericRule: true))
            {
                return false;
            }

            prerelease = pre.ToString().Split('.');
            s = s[..dash];
        }

        var firstDot = s.IndexOf('.');
        if (firstDot < 0)
        {
            return false;
        }

        var rest = s[(firstDot + 1)..];
        var secondDot = rest.IndexOf('.');
        if (secondDot < 0)
        {
            return false;
        }

        var major = s[..firstDot];
        var minor = rest[..secondDot];
        var patch = rest[(secondDot + 1)..];
        if (!ValidNumber(major) || !ValidNumber(minor) || !ValidNumber(patch))
        {
            return false;
        }

        version = new SemanticVersion(major.ToString(), minor.ToString(), patch.ToString(), prerelease, build);
        return true;
    }

    /// <summary>Parses a version or throws <see cref="FormatException"/> naming the text.</summary>
    public static SemanticVersion Parse(string text) =>
        TryParse(text, out var version) ? version : throw new FormatException($"not a SemVer 2.0.0 version: '{text}'");

    /// <inheritdoc />
    public int CompareTo(IPackageVersion? other) => other switch
    {
        null => 1,
        SemanticVersion semantic => CompareTo(semantic),
        _ => throw new ArgumentException("versions of different ecosystems do not compare", nameof(other)),
    };

    /// <summary>Compares by SemVer precedence.</summary>
    public int CompareTo(SemanticVersion? other)
    {
        if (other is null)
        {
            return 1;
        }

        var c = NumericIdentifier.Compare(Major, other.Major);
        if (c != 0)
        {
            return c;
        }

        c = NumericIdentifier.Compare(Minor, other.Minor);
        if (c != 0)
        {
            return c;
        }

        c = NumericIdentifier.Compare(Patch, other.Patch);
        if (c != 0)
        {
            return c;
        }

        return ComparePrerelease(_prerelease, other._prerelease);
    }

    /// <summary>Equal precedence (build metadata ignored).</summary>
    public bool Equals(SemanticVersion? other) => other is not null && CompareTo(other) == 0;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is SemanticVersion other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Normalized);

    /// <summary>Equal precedence.</summary>
    public static bool operator ==(SemanticVersion? left, SemanticVersion? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Different precedence.</summary>
    public static bool operator !=(SemanticVersion? left, SemanticVersion? right) => !(left == right);

    /// <summary>Lower precedence.</summary>
    public static bool operator <(SemanticVersion? left, SemanticVersion? right) => left is null ? right is not null : left.CompareTo(right) < 0;

    /// <summary>Lower or equal precedence.</summary>
    public static bool operator <=(SemanticVersion? left, SemanticVersion? right) => left is null || left.CompareTo(right) <= 0;

    /// <summary>Higher precedence.</summary>
    public static bool operator >(SemanticVersion? left, SemanticVersion? right) => left is not null && left.CompareTo(right) > 0;

    /// <summary>Higher or equal precedence.</summary>
    public static bool operator >=(SemanticVersion? left, SemanticVersion? right) => left is null ? right is null : left.CompareTo(right) >= 0;

    /// <inheritdoc />
    public override string ToString() => Build is null ? Normalized : Normalized + "+" + Build;

    private static int ComparePrerelease(string[] left, string[] right)
    {
        if (left.Length == 0 || right.Length == 0)
        {
            // A release outranks any of its pre-releases.
            return right.Length.CompareTo(left.Length) switch { < 0 => -1, > 0 => 1, _ => 0 };
        }

        var n = Math.Min(left.Length, right.Length);
        for (var i = 0; i < n; i++)
        {
            var a = left[i];
            var b = right[i];
            var aNumeric = NumericIdentifier.IsDigits(a);
            var bNumeric = NumericIdentifier.IsDigits(b);
            int c;
            if (aNumeric && bNumeric)
            {
                c = NumericIdentifier.Compare(a, b);
            }
            else if (aNumeric != bNumeric)
            {
                c = aNumeric ? -1 : 1;
            }
            else
            {
                c = Math.Sign(string.CompareOrdinal(a, b));
            }

            if (c != 0)
            {
                return c;
            }
        }

        return left.Length.CompareTo(right.Length);
    }

    private static bool ValidNumber(ReadOnlySpan<char> part) =>
        NumericIdentifier.IsDigits(part) && (part.Length == 1 || part[0] != '0');

    private static bool ValidIdentifiers(ReadOnlySpan<char> text, bool numericRule)
    {
        if (text.IsEmpty)
        {
            return false;
        }

        foreach (var range in text.Split('.'))
        {
            var id = text[range];
            if (id.IsEmpty)
            {
                return false;
            }

            foreach (var c in id)
            {
                if (!char.IsAsciiLetterOrDigit(c) && c != '-')
                {
                    return false;
                }
            }

            if (numericRule && NumericIdentifier.IsDigits(id) && id.Length > 1 && id[0] == '0')
            {
                return false;
            }
        }

        return true;
    }
}
