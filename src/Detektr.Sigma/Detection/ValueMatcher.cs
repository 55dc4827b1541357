using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Detektr.Sigma.Events;

namespace Detektr.Sigma.Detection;

/// <summary>
/// One compiled value of a detection item, tested against one scalar field value. List fields are
/// handled by the caller (a value matches a list when it matches one of its items).
/// </summary>
internal abstract class ValueMatcher
{
    /// <summary>True when the matcher also wants to see a field that is absent or null.</summary>
    public virtual bool MatchesNull => false;

    public abstract bool Matches(in SigmaValue value, ISigmaEvent evt);
}

/// <summary>A wildcard string pattern against the field's text (numbers and booleans by their text).</summary>
internal sealed class PatternValueMatcher(SigmaPattern pattern, bool caseSensitive) : ValueMatcher
{
    private readonly StringMatcher _matcher = pattern.GetMatcher(caseSensitive);

    public SigmaPattern Pattern { get; } = pattern;

    public override bool Matches(in SigmaValue value, ISigmaEvent evt) =>
        value.Text is string text && _matcher.IsMatch(text);
}

/// <summary>
/// A regular expression searched anywhere in the field's text. It runs on .NET's non-backtracking
/// engine, whose time is linear in the input; expressions that engine cannot run (lookarounds,
/// backreferences) use the backtracking engine, bounded by the timeout. The non-backtracking
/// automaton costs milliseconds to build, so it is built on first use rather than at load.
/// </summary>
internal sealed class RegexValueMatcher(Regex backtracking) : ValueMatcher
{
    private Regex? _engine;

    public override bool Matches(in SigmaValue value, ISigmaEvent evt) =>
        value.Text is string text && (_engine ?? Build()).IsMatch(text);

    private Regex Build()
    {
        Regex engine;
        try
        {
            engine = new Regex(backtracking.ToString(), backtracking.Options | RegexOptions.NonBacktracking, backtracking.MatchTimeout);
        }
        catch (NotSupportedException)
        {
            engine = backtracking;
        }

        // Several threads may build it at once; any of the equivalent results will do.
        Interlocked.CompareExchange(ref _engine, engine, null);
        return _engine;
    }
}

/// <summary>A plain number: equal to a numeric field, or to a string field whose text is that number.</summary>
internal sealed class NumberValueMatcher(double number, long integer, bool isInteger) : ValueMatcher
{
    public override bool Matches(in SigmaValue value, ISigmaEvent evt)
    {
        if (!value.TryGetNumber(out double fieldNumber, out long fieldInteger, out bool fieldIsInteger))
        {
            return false;
        }

        return isInteger && fieldIsInteger ? integer == fieldInteger : number.Equals(fieldNumber);
    }
}

/// <summary>A boolean: equal to a boolean field, or to a string field reading <c>true</c>/<c>false</c>.</summary>
internal sealed class BooleanValueMatcher(bool expected) : ValueMatcher
{
    public override bool Matches(in SigmaValue value, ISigmaEvent evt) =>
        value.TryGetBoolean(out bool actual) && actual == expected;
}

/// <summary>The <c>null</c> value: the field is absent or null.</summary>
internal sealed class NullValueMatcher : ValueMatcher
{
    public static readonly NullValueMatcher Instance = new();

    public override bool MatchesNull => true;

    public override bool Matches(in SigmaValue value, ISigmaEvent evt) => value.IsNull;
}

/// <summary>The comparison operators of the <c>lt</c>, <c>lte</c>, <c>gt</c> and <c>gte</c> modifiers.</summary>
internal enum CompareOperator
{
    LessThan,
    LessOrEqual,
    GreaterThan,
    GreaterOrEqual,
}

/// <summary>A numeric comparison; fields that are not numbers never match.</summary>
internal sealed class CompareValueMatcher(CompareOperator op, double bound) : ValueMatcher
{
    public override bool Matches(in SigmaValue value, ISigmaEvent evt)
    {
        if (!value.TryGetNumber(out double number, out _, out _))
        {
            return false;
        }

        return op switch
        {
            CompareOperator.LessThan => number < bound,
            CompareOperator.LessOrEqual => number <= bound,
            CompareOperator.GreaterThan => number > bound,
            _ => number >= bound,
        };
    }
}

/// <summary>
/// An IPv4 or IPv6 network; the field must parse as an address inside it. IPv4-mapped IPv6
/// addresses (<c>::ffff:10.0.0.1</c>) count as their IPv4 address.
/// </summary>
internal sealed class CidrValueMatcher(IPNetwork network) : ValueMatcher
{
    public override bool Matches(in SigmaValue value, ISigmaEvent evt)
    {
        if (value.Kind != SigmaValueKind.Text || !IPAddress.TryParse(value.Text.AsSpan().Trim(), out IPAddress? address))
        {
            return false;
        }

        if (address.IsIPv4MappedToIPv6 && network.BaseAddress.AddressFamily == AddressFamily.InterNetwork)
        {
            address = address.MapToIPv4();
        }

        return network.Contains(address);
    }
}

/// <summary>How a field reference compares the two fields.</summary>
internal enum FieldReferenceMode
{
    Equals,
    Contains,
    StartsWith,
    EndsWith,
}

/// <summary>
/// The <c>fieldref</c> modifier: the field's text compared with another field of the same event.
/// Both fields must be present and not null.
/// </summary>
internal sealed class FieldReferenceValueMatcher(string otherField, FieldReferenceMode mode, bool caseSensitive) : ValueMatcher
{
    private readonly StringComparison _comparison = caseSensitive ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;

    public string OtherField { get; } = otherField;

    public override bool Matches(in SigmaValue value, ISigmaEvent evt)
    {
        if (value.Text is not string text || !evt.TryGetField(OtherField, out SigmaValue other))
        {
            return false;
        }

        if (other.Kind == SigmaValueKind.List)
        {
            foreach (SigmaValue item in other.Items)
            {
                if (item.Text is string itemText && Compare(text, itemText))
                {
                    return true;
                }
            }

            return false;
        }

        return other.Text is string otherText && Compare(text, otherText);
    }

    private bool Compare(string text, string otherText)
    {
        // Numbers compare by value so that 80 and 80.0 or "0080" agree, as they would for a plain value.
        if (mode == FieldReferenceMode.Equals
            && SigmaValue.TryParseNumber(text, out double left, out _, out _)
            && SigmaValue.TryParseNumber(otherText, out double right, out _, out _))
        {
            return left.Equals(right);
        }

        return mode switch
        {
            FieldReferenceMode.Equals => text.Equals(otherText, _comparison),
            FieldReferenceMode.Contains => text.Contains(otherText, _comparison),
            FieldReferenceMode.StartsWith => text.StartsWith(otherText, _comparison),
            _ => text.EndsWith(otherText, _comparison),
        };
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"fieldref {mode} {OtherField}");
}
