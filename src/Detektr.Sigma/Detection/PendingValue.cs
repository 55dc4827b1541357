using System.Net;
using System.Text.RegularExpressions;

namespace Detektr.Sigma.Detection;

/// <summary>How a string is turned into bytes before base64 encoding.</summary>
internal enum TextEncodingChoice
{
    Utf8,
    Utf16LittleEndian,
    Utf16BigEndian,
    Utf16WithByteOrderMark,
}

/// <summary>A detection value on its way through the modifier chain, before it is compiled.</summary>
internal abstract record PendingValue;

internal sealed record PendingString(SigmaPattern Pattern, bool CaseSensitive, TextEncodingChoice? Encoding) : PendingValue;

internal sealed record PendingRegex(string Pattern, RegexOptions Options) : PendingValue;

internal sealed record PendingNumber(RuleScalar Scalar) : PendingValue;

internal sealed record PendingBoolean(bool Value) : PendingValue;

internal sealed record PendingNull : PendingValue;

internal sealed record PendingCidr(IPNetwork Network) : PendingValue;

internal sealed record PendingCompare(CompareOperator Operator, double Bound) : PendingValue;

internal sealed record PendingFieldReference(string Field, bool StartsAnywhere, bool EndsAnywhere, bool CaseSensitive) : PendingValue;

internal sealed record PendingExists(bool Expected) : PendingValue;
