using System.Diagnostics.CodeAnalysis;

namespace Tracehound;

/// <summary>
/// The kind of threat an external detector reported. The well-known categories are exposed as static
/// members; user-defined categories are any lower-case name of letters, digits, '_', '-' and '.'.
/// </summary>
/// <remarks>The category is the prefix of every signature, so its spelling is part of the evidence identity.</remarks>
public readonly struct ThreatCategory : IEquatable<ThreatCategory>
{
    /// <summary>The longest accepted category name.</summary>
    public const int MaxLength = 64;

    private readonly string? _name;

    private ThreatCategory(string name) => _name = name;

    /// <summary>Injection (SQL, command, template, header...).</summary>
    public static ThreatCategory Injection { get; } = new("injection");

    /// <summary>Distributed denial of service.</summary>
    public static ThreatCategory Ddos { get; } = new("ddos");

    /// <summary>Request flooding from one or few sources.</summary>
    public static ThreatCategory Flood { get; } = new("flood");

    /// <summary>Spam submissions.</summary>
    public static ThreatCategory Spam { get; } = new("spam");

    /// <summary>Malware upload or delivery.</summary>
    public static ThreatCategory Malware { get; } = new("malware");

    /// <summary>A threat the detector could not classify.</summary>
    public static ThreatCategory Unknown { get; } = new("unknown");

    /// <summary>The category name, e.g. <c>injection</c>. A default instance reads as <c>unknown</c>.</summary>
    public string Name => _name ?? "unknown";

    /// <summary>Parses a category name; returns false for an empty, too long or badly spelled name.</summary>
    public static bool TryParse([NotNullWhen(true)] string? name, out ThreatCategory category)
    {
        category = default;
        if (string.IsNullOrEmpty(name) || name.Length > MaxLength)
        {
            return false;
        }

        foreach (var c in name)
        {
            var ok = c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '-' or '.';
            if (!ok)
            {
                return false;
            }
        }

        category = name switch
        {
            "injection" => Injection,
            "ddos" => Ddos,
            "flood" => Flood,
            "spam" => Spam,
            "malware" => Malware,
            "unknown" => Unknown,
            _ => new ThreatCategory(name),
        };
        return true;
    }

    /// <summary>Parses a category name, throwing <see cref="FormatException"/> when it is not valid.</summary>
    public static ThreatCategory Parse(string name) =>
        TryParse(name, out var category)
            ? category
            : throw new FormatException($"'{name}' is not a valid threat category: use 1-{MaxLength} characters of a-z, 0-9, '_', '-' or '.'.");

    /// <inheritdoc />
    public bool Equals(ThreatCategory other) => string.Equals(Name, other.Name, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ThreatCategory other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Name);

    /// <inheritdoc />
    public override string ToString() => Name;

    /// <summary>Equality by name.</summary>
    public static bool operator ==(ThreatCategory left, ThreatCategory right) => left.Equals(right);

    /// <summary>Inequality by name.</summary>
    public static bool operator !=(ThreatCategory left, ThreatCategory right) => !left.Equals(right);
}
