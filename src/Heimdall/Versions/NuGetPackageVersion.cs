using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Heimdall.Versions;

/// <summary>
/// A NuGet package version: one to four numeric parts (missing parts are zero, so <c>1.0</c>,
/// <c>1.0.0</c> and <c>1.0.0.0</c> are the same version; leading zeros are allowed), an optional
/// release label and ignored metadata. Release labels order as NuGet orders them: part by part,
/// numeric parts by value, numeric before alphanumeric, alphanumeric case-insensitively.
/// Unlike NuGet.Versioning, numeric parts of any size are accepted and compared by value.
/// </summary>
public sealed class NuGetPackageVersion : IPackageVersion, IEquatable<NuGetPackageVersion>
{
    private readonly string[] _parts;
    private readonly string[] _release;

    private NuGetPackageVersion(string[] parts, string[] release, string? metadata)
    {
        _parts = parts;
        _release = release;
        Metadata = metadata;
        var text = new StringBuilder().Append(parts[0]).Append('.').Append(parts[1]).Append('.').Append(parts[2]);
        if (parts[3] != "0")
        {
            text.Append('.').Append(parts[3]);
        }

        if (release.Length > 0)
        {
            text.Append('-').AppendJoin('.', release);
        }

        Normalized = text.ToString();
    }

    /// <summary>The major part as decimal digits without leading zeros.</summary>
    public string Major => _parts[0];

    /// <summary>The minor part.</summary>
    public string Minor => _parts[1];

    /// <summary>The patch part.</summary>
    public string Patch => _parts[2];

    /// <summary>The fourth (revision) part, <c>0</c> when absent.</summary>
    public string Revision => _parts[3];

    /// <summary>The release label parts, empty for a stable version.</summary>
    public IReadOnlyList<string> ReleaseLabels => _release;

    /// <summary>Metadata after <c>+</c>, ignored for ordering.</summary>
    public string? Metadata { get; }

    /// <summary>True for a pre-release version.</summary>
    public bool IsPrerelease => _release.Length > 0;

    /// <summary>
    /// The normalized form NuGet writes (three parts, a fourth only when not zero, no leading zeros, no
    /// metadata).
    /// </summary>
    public string Normalized { get; }

    /// <summary>Parses a NuGet version; surrounding whitespace is ignored.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out NuGetPackageVersion? version)
    {
        version = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.AsSpan().Trim();
        string? metadata = null;
        var plus = s.IndexOf('+');
        if (plus >= 0)
        {
            var meta = s[(plus + 1)..];
            if (!ValidLabels(meta))
            {
                return false;
            }

            metadata = meta.ToString();
            s = s[..plus];
        }

        string[] release = [];
        var dash = s.IndexOf('-');
        if (dash >= 0)
        {
            var label = s[(dash + 1)..];
            if (!ValidLabels(label) || HasLeadingZeroNumber(label))
            {
                return false;
            }

            release = label.ToString().Split('.');
            s = s[..dash];
        }

        var parts = new string[] { "0", "0", "0", "0" };
        var count = 0;
        foreach (var range in s.Split('.'))
        {
            var part = s[range];
            if (count == 4 || !NumericIdentifier.IsDigits(part))
            {
                return false;
            }

            parts[count++] = NumericIdentifier.TrimLeadingZeros(part.ToString());
        }

        if (count == 0)
        {
            return false;
        }

        version = new NuGetPackageVersion(parts, release, metadata);
        return true;
    }

    /// <summary>Parses a version or throws <see cref="FormatException"/> naming the text.</summary>
    public static NuGetPackageVersion Parse(string text) =>
        TryParse(text, out var version) ? version : throw new FormatException($"not a NuGet version: '{text}'");

    /// <inheritdoc />
    public int CompareTo(IPackageVersion? other) => other switch
    {
        null => 1,
        NuGetPackageVersion nuget => CompareTo(nuget),
        _ => throw new ArgumentException("versions of different ecosystems do not compare", nameof(other)),
    };

    /// <summary>Compares as NuGet orders versions.</summary>
    public int CompareTo(NuGetPackageVersion? other)
    {
        if (other is null)
        {
            return 1;
        }

        for (var i = 0; i < 4; i++)
        {
            var c = NumericIdentifier.Compare(_parts[i], other._parts[i]);
            if (c != 0)
            {
                return c;
            }
        }

        if (_release.Length == 0 || other._release.Length == 0)
        {
            return other._release.Length.CompareTo(_release.Length) switch { < 0 => -1, > 0 => 1, _ => 0 };
        }

        var n = Math.Min(_release.Length, other._release.Length);
        for (var i = 0; i < n; i++)
        {
            var a = _release[i];
            var b = other._release[i];
            var aNumeric = NumericIdentifier.IsDigits(a);
            var bNumeric = NumericIdentifier.IsDigits(b);
            int c;
            if (aNumeric && bNumeric)
            {
                c = NumericIdentifier.Compare(NumericIdentifier.TrimLeadingZeros(a), NumericIdentifier.TrimLeadingZeros(b));
            }
            else if (aNumeric != bNumeric)
            {
                c = aNumeric ? -1 : 1;
            }
            else
            {
                c = Math.Sign(string.Compare(a, b, StringComparison.OrdinalIgnoreCase));
            }

            if (c != 0)
            {
                return c;
            }
        }

        return _release.Length.CompareTo(other._release.Length);
    }

    /// <summary>Same version in NuGet's eyes (labels case-insensitive, metadata ignored).</summary>
    public bool Equals(NuGetPackageVersion? other) => other is not null && CompareTo(other) == 0;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is NuGetPackageVersion other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Normalized);

    /// <summary>Equal precedence.</summary>
    public static bool operator ==(NuGetPackageVersion? left, NuGetPackageVersion? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Different precedence.</summary>
    public static bool operator !=(NuGetPackageVersion? left, NuGetPackageVersion? right) => !(left == right);

    /// <summary>Lower precedence.</summary>
    public static bool operator <(NuGetPackageVersion? left, NuGetPackageVersion? right) => left is null ? right is not null : left.CompareTo(right) < 0;

    /// <summary>Lower or equal precedence.</summary>
    public static bool operator <=(NuGetPackageVersion? left, NuGetPackageVersion? right) => left is null || left.CompareTo(right) <= 0;

    /// <summary>Higher precedence.</summary>
    public static bool operator >(NuGetPackageVersion? left, NuGetPackageVersion? right) => left is not null && left.CompareTo(right) > 0;

    /// <summary>Higher or equal precedence.</summary>
    public static bool operator >=(NuGetPackageVersion? left, NuGetPackageVersion? right) => left is null ? right is null : left.CompareTo(right) >= 0;

    /// <inheritdoc />
    public override string ToString() => Normalized;

    // NuGet rejects numeric release labels with leading zeros ("1.0.0-rc.01"), as SemVer 2.0.0 does.
    private static bool HasLeadingZeroNumber(ReadOnlySpan<char> text)
    {
        foreach (var range in text.Split('.'))
        {
            var id = text[range];
            if (id.Length > 1 && id[0] == '0' && NumericIdentifier.IsDigits(id))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ValidLabels(ReadOnlySpan<char> text)
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
        }

        return true;
    }
}
