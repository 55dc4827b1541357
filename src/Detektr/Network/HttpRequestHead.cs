using System.Text;

namespace Detektr.Network;

/// <summary>The request line and headers of an HTTP/1.x request.</summary>
/// <param name="Method">The method token.</param>
/// <param name="Target">The request target (path and query).</param>
/// <param name="Version">The protocol version (<c>HTTP/1.1</c>).</param>
/// <param name="Headers">Headers by name as sent; repeated headers joined with ", ".</param>
/// <param name="HeadLength">Bytes up to and including the blank line that ends the head.</param>
public sealed record HttpRequestHead(string Method, string Target, string Version,
    IReadOnlyDictionary<string, string> Headers, int HeadLength)
{
    /// <summary>Largest head the sink accepts.</summary>
    public const int MaxHeadLength = 16 * 1024;

    /// <summary>True when <paramref name="data"/> starts like an HTTP request (a method token and a space).</summary>
    public static bool LooksLikeRequest(ReadOnlySpan<byte> data)
    {
        var i = 0;
        while (i < data.Length && i < 16 && data[i] is >= (byte)'A' and <= (byte)'Z')
        {
            i++;
        }

        return i > 0 && (i == data.Length || data[i] == (byte)' ');
    }

    /// <summary>Parses a complete head. False while the blank line has not arrived or the head is malformed.</summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out HttpRequestHead? head)
    {
        head = null;
        var end = data.IndexOf("\r\n\r\n"u8);
        var separatorLength = 4;
        if (end < 0)
        {
            end = data.IndexOf("\n\n"u8);
            separatorLength = 2;
        }

        if (end < 0)
        {
            return false;
        }

        var text = Encoding.Latin1.GetString(data[..end]);
        var lines = text.Split('\n');
        var request = lines[0].TrimEnd('\r').Split(' ');
        if (request.Length < 3 || request[0].Length == 0 || !request[2].StartsWith("HTTP/", StringComparison.Ordinal))
        {
            return false;
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var raw in lines.Skip(1))
        {
            var line = raw.TrimEnd('\r');
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            headers[name] = headers.TryGetValue(name, out var existing) ? $"{existing}, {value}" : value;
        }

        head = new HttpRequestHead(request[0], request[1], request[2],
            new Dictionary<string, string>(headers, StringComparer.Ordinal), end + separatorLength);
        return true;
    }
}
