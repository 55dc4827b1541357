using System.Globalization;

namespace Detektr.Sensors.Strace;

/// <summary>An IPv4 or IPv6 socket address decoded from strace's <c>{sa_family=AF_INET, ...}</c>.</summary>
/// <param name="Address">The textual address.</param>
/// <param name="Port">The port.</param>
internal readonly record struct SocketEndpoint(string Address, int Port)
{
    /// <summary>Parses a sockaddr structure; false for other families (AF_UNIX, AF_NETLINK) or NULL.</summary>
    public static bool TryParse(string token, out SocketEndpoint endpoint)
    {
        endpoint = default;
        var fields = StraceSyntax.ParseStruct(token);
        if (!fields.TryGetValue("sa_family", out var family))
        {
            return false;
        }

        if (family == "AF_INET" && fields.TryGetValue("sin_port", out var port4) && fields.TryGetValue("sin_addr", out var address4))
        {
            var text = Between(address4, "inet_addr(", ")");
            if (text is null || ParsePort(port4) is not { } p4)
            {
                return false;
            }

            endpoint = new SocketEndpoint(StraceSyntax.DecodeText(text) ?? text, p4);
            return true;
        }

        if (family == "AF_INET6" && fields.TryGetValue("sin6_port", out var port6))
        {
            var pton = fields.Values.FirstOrDefault(v => v.StartsWith("inet_pton(", StringComparison.Ordinal));
            var inner = pton is null ? null : Between(pton, "inet_pton(", ")");
            var parts = inner is null ? [] : StraceSyntax.SplitTopLevel(inner);
            if (parts.Count < 2 || ParsePort(port6) is not { } p6)
            {
                return false;
            }

            endpoint = new SocketEndpoint(StraceSyntax.DecodeText(parts[1]) ?? parts[1], p6);
            return true;
        }

        return false;
    }

    private static int? ParsePort(string text)
    {
        var inner = Between(text, "htons(", ")") ?? text;
        return int.TryParse(inner, NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port : null;
    }

    private static string? Between(string text, string prefix, string suffix)
    {
        var start = text.IndexOf(prefix, StringComparison.Ordinal);
        var end = text.LastIndexOf(suffix, StringComparison.Ordinal);
        return start < 0 || end < start + prefix.Length ? null : text[(start + prefix.Length)..end];
    }
}
