using System.Security.Cryptography;
using System.Text;

namespace Tracehound.AspNetCore;

/// <summary>
/// The MAC an upstream proxy puts in the <c>X-Threat-Mac</c> header: lower-case hex of HMAC-SHA256 over the
/// UTF-8 of these lines joined by a single line feed (no trailing one):
/// <code>
/// tracehound-signal/1
/// {method}              e.g. POST
/// {target}              the request target as sent: path and query, e.g. /orders?id=1
/// {category}            the category header value, exactly as sent
/// {severity}            the severity header value, exactly as sent
/// {rule id}             the rule id header value, or empty
/// {confidence}          the confidence header value, or empty
/// </code>
/// </summary>
public static class UpstreamSignalMac
{
    /// <summary>The first line of the MACed text; a new layout would get a new version.</summary>
    public const string Version = "tracehound-signal/1";

    /// <summary>The text that is MACed.</summary>
    public static string CanonicalText(string method, string target, string category, string severity, string? ruleId, string? confidence)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(category);
        ArgumentNullException.ThrowIfNull(severity);
        return string.Join('\n', Version, method, target, category, severity, ruleId ?? string.Empty, confidence ?? string.Empty);
    }

    /// <summary>Computes the header value (64 lower-case hex digits) a proxy sends.</summary>
    public static string Compute(ReadOnlySpan<byte> key, string method, string target, string category, string severity, string? ruleId = null, string? confidence = null)
    {
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(CanonicalText(method, target, category, severity, ruleId, confidence)), mac);
        return Convert.ToHexStringLower(mac);
    }

    /// <summary>Checks a received MAC in constant time; false for anything that is not 64 hex digits.</summary>
    public static bool Verify(ReadOnlySpan<byte> key, string? received, string method, string target, string category, string severity, string? ruleId, string? confidence)
    {
        if (received is null || received.Length != HMACSHA256.HashSizeInBytes * 2)
        {
            return false;
        }

        Span<byte> given = stackalloc byte[HMACSHA256.HashSizeInBytes];
        if (Convert.FromHexString(received, given, out _, out var written) != System.Buffers.OperationStatus.Done || written != given.Length)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(CanonicalText(method, target, category, severity, ruleId, confidence)), expected);
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }
}
