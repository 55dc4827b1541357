using System.Globalization;

namespace Tracehound.Ledger;

/// <summary>The value of a record attribute: either a string or a 64-bit integer.</summary>
public readonly struct LedgerValue : IEquatable<LedgerValue>
{
    private readonly string? _text;
    private readonly long _integer;

    private LedgerValue(string? text, long integer)
    {
        _text = text;
        _integer = integer;
    }

    /// <summary>A string value.</summary>
    public static LedgerValue FromString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new LedgerValue(value, 0);
    }

    /// <summary>An integer value.</summary>
    public static LedgerValue FromInt64(long value) => new(null, value);

    /// <summary>True for a string value, false for an integer.</summary>
    public bool IsString => _text is not null;

    /// <summary>The string; throws for an integer value.</summary>
    public string AsString() => _text ?? throw new InvalidOperationException("the attribute holds an integer, not a string");

    /// <summary>The integer; throws for a string value.</summary>
    public long AsInt64() => _text is null ? _integer : throw new InvalidOperationException("the attribute holds a string, not an integer");

    /// <summary>A string value.</summary>
    public static implicit operator LedgerValue(string value) => FromString(value);

    /// <summary>An integer value.</summary>
    public static implicit operator LedgerValue(long value) => FromInt64(value);

    /// <inheritdoc />
    public bool Equals(LedgerValue other) => string.Equals(_text, other._text, StringComparison.Ordinal) && _integer == other._integer;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is LedgerValue other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _text is null ? _integer.GetHashCode() : StringComparer.Ordinal.GetHashCode(_text);

    /// <summary>Value equality.</summary>
    public static bool operator ==(LedgerValue left, LedgerValue right) => left.Equals(right);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(LedgerValue left, LedgerValue right) => !left.Equals(right);

    /// <summary>The string, or the integer in invariant decimal.</summary>
    public override string ToString() => _text ?? _integer.ToString(CultureInfo.InvariantCulture);
}
