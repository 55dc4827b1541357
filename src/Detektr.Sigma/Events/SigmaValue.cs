using System.Globalization;

namespace Detektr.Sigma.Events;

/// <summary>
/// One field value of an event. Scalars carry their text form so that pattern matching never has to
/// format or allocate while rules are evaluated.
/// </summary>
public readonly struct SigmaValue : IEquatable<SigmaValue>
{
    private static readonly SigmaValue[] NoItems = [];
    private readonly string? _text;
    private readonly double _number;
    private readonly long _integer;
    private readonly bool _isInteger;
    private readonly SigmaValue[]? _items;

    private SigmaValue(SigmaValueKind kind, string? text, double number, long integer, bool isInteger, SigmaValue[]? items)
    {
        Kind = kind;
        _text = text;
        _number = number;
        _integer = integer;
        _isInteger = isInteger;
        _items = items;
    }

    /// <summary>The null value (also what an absent field reads as).</summary>
    public static SigmaValue Null => default;

    /// <summary>A nested object marker: present, but matched only by <c>exists</c> and <c>null</c> checks.</summary>
    public static SigmaValue NestedMap => new(SigmaValueKind.Map, null, 0, 0, false, null);

    /// <summary>What the value holds.</summary>
    public SigmaValueKind Kind { get; }

    /// <summary>True for the null value.</summary>
    public bool IsNull => Kind == SigmaValueKind.Null;

    /// <summary>
    /// The text used for string matching: the string itself, a number's text as written in the
    /// event, <c>true</c>/<c>false</c> for booleans; null for null, lists and objects.
    /// </summary>
    public string? Text => _text;

    /// <summary>The items of a list value; empty for every other kind.</summary>
    public ReadOnlySpan<SigmaValue> Items => _items ?? NoItems;

    /// <summary>Creates a string value; a null string gives the null value.</summary>
    public static SigmaValue FromString(string? value) =>
        value is null ? Null : new(SigmaValueKind.Text, value, 0, 0, false, null);

    /// <summary>Creates an integer value.</summary>
    public static SigmaValue FromInteger(long value) =>
        new(SigmaValueKind.Number, value.ToString(CultureInfo.InvariantCulture), value, value, true, null);

    /// <summary>Creates a floating-point value.</summary>
    public static SigmaValue FromDouble(double value)
    {
        bool integral = double.IsFinite(value) && Math.Floor(value) == value && Math.Abs(value) < 9.2e18;
        return new(SigmaValueKind.Number, value.ToString("R", CultureInfo.InvariantCulture), value,
            integral ? (long)value : 0, integral, null);
    }

    /// <summary>
    /// Creates a number from its text as written in the source (JSON keeps <c>1.50</c> as written, so
    /// string patterns see what the producer wrote). Returns null when the text is not a number.
    /// </summary>
    public static SigmaValue? FromNumberText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long integer))
        {
            return new(SigmaValueKind.Number, text, integer, integer, true, null);
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double number))
        {
            bool integral = double.IsFinite(number) && Math.Floor(number) == number && Math.Abs(number) < 9.2e18;
            return new(SigmaValueKind.Number, text, number, integral ? (long)number : 0, integral, null);
        }

        return null;
    }

    /// <summary>Creates a boolean value.</summary>
    public static SigmaValue FromBoolean(bool value) =>
        new(SigmaValueKind.Boolean, value ? "true" : "false", value ? 1 : 0, value ? 1 : 0, true, null);

    /// <summary>Creates a list value from its items.</summary>
    public static SigmaValue FromList(IEnumerable<SigmaValue> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return new(SigmaValueKind.List, null, 0, 0, false, items.ToArray());
    }

    /// <summary>
    /// Reads the value as a number: numbers directly, strings when their text parses as a number.
    /// Booleans, lists, objects and null are not numbers.
    /// </summary>
    public bool TryGetNumber(out double number, out long wholeNumber, out bool isWholeNumber)
    {
        switch (Kind)
        {
            case SigmaValueKind.Number:
                number = _number;
                wholeNumber = _integer;
                isWholeNumber = _isInteger;
                return true;
            case SigmaValueKind.Text:
                return TryParseNumber(_text.AsSpan().Trim(), out number, out wholeNumber, out isWholeNumber);
            default:
                number = 0;
                wholeNumber = 0;
                isWholeNumber = false;
                return false;
        }
    }

    /// <summary>Reads the value as a boolean: booleans directly, strings <c>true</c>/<c>false</c> in any case.</summary>
    public bool TryGetBoolean(out bool value)
    {
        if (Kind == SigmaValueKind.Boolean)
        {
            value = _integer != 0;
            return true;
        }

        if (Kind == SigmaValueKind.Text)
        {
            ReadOnlySpan<char> text = _text.AsSpan().Trim();
            if (text.Equals("true", StringComparison.OrdinalIgnoreCase))
            {
                value = true;
                return true;
            }

            if (text.Equals("false", StringComparison.OrdinalIgnoreCase))
            {
                value = false;
                return true;
            }
        }

        value = false;
        return false;
    }

    internal static bool TryParseNumber(ReadOnlySpan<char> text, out double number, out long integer, out bool isInteger)
    {
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out integer))
        {
            number = integer;
            isInteger = true;
            return true;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out number) && double.IsFinite(number))
        {
            isInteger = Math.Floor(number) == number && Math.Abs(number) < 9.2e18;
            integer = isInteger ? (long)number : 0;
            return true;
        }

        number = 0;
        integer = 0;
        isInteger = false;
        return false;
    }

    /// <inheritdoc />
    public bool Equals(SigmaValue other)
    {
        if (Kind != other.Kind || !string.Equals(_text, other._text, StringComparison.Ordinal))
        {
            return false;
        }

        return Kind != SigmaValueKind.List || Items.SequenceEqual(other.Items);
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is SigmaValue other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, _text);

    /// <summary>Compares two values for equality.</summary>
    public static bool operator ==(SigmaValue left, SigmaValue right) => left.Equals(right);

    /// <summary>Compares two values for inequality.</summary>
    public static bool operator !=(SigmaValue left, SigmaValue right) => !left.Equals(right);

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        SigmaValueKind.Null => "null",
        SigmaValueKind.List => "[" + string.Join(", ", _items ?? NoItems) + "]",
        SigmaValueKind.Map => "{…}",
        _ => _text ?? string.Empty,
    };
}
