using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Tracehound.AspNetCore;

/// <summary>
/// Builds the scent of a flagged request. Its payload is a flat key/value map of strings (see
/// <c>docs/aspnetcore.md</c>): <c>method</c>, <c>path</c>, <c>query</c>, <c>header:name</c> for each captured
/// header (secrets as <c>hmac-sha256:hex</c>), <c>body_base64</c> and <c>body_capture</c> when the start of
/// the body was missed. Every value is a well-formed string
/// whatever the client sent, so canonical encoding cannot fail on attacker-controlled content; a body longer
/// than the limit becomes a payload whose known size exceeds it, answered PayloadTooLarge without encoding.
/// </summary>
internal sealed class ScentBuilder(TracehoundSettings settings, TimeProvider time)
{
    public const string HmacPrefix = "hmac-sha256:";

    public Scent Build(HttpContext context, RequestState state, string source, ThreatSignal signal)
    {
        var id = TraceIds.Of(context);
        var now = time.GetUtcNow();
        if (state.HasBody && state.Body.Overflowed)
        {
            // The body alone is over the limit: its known size answers PayloadTooLarge at once.
            return new Scent(id, now, source, ScentPayload.FromBytes(state.Body.CapturedWithOverflow), signal);
        }

        var request = context.Request;
        var pairs = new List<KeyValuePair<string, string?>>(4 + settings.Headers.Length)
        {
            new("method", request.Method),
            new("path", WellFormed(request.PathBase.Add(request.Path).Value ?? "/")),
            new("query", WellFormed(request.QueryString.Value ?? string.Empty)),
        };

        foreach (var header in settings.Headers)
        {
            if (!request.Headers.TryGetValue(header.Name, out var values))
            {
                continue;
            }

            var value = WellFormed(values.ToString());
            pairs.Add(new(header.Key, header.Secret ? Hash(value) : value));
        }

        if (state.HasBody)
        {
            pairs.Add(new("body_base64", Convert.ToBase64String(state.Body.Captured.Span)));
            if (!state.Body.FromStart)
            {
                // Copying was off and the endpoint had read part of the body: say the evidence lacks its start.
                pairs.Add(new("body_capture", "partial"));
            }
        }

        return new Scent(id, now, source, ScentPayload.FromKeyValues(pairs), signal);
    }

    private string Hash(string value)
    {
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(settings.HeaderHashKey, Encoding.UTF8.GetBytes(value), mac);
        return HmacPrefix + Convert.ToHexStringLower(mac);
    }

    /// <summary>Replaces unpaired surrogates with U+FFFD so the value always has a UTF-8 form.</summary>
    internal static string WellFormed(string value)
    {
        var bad = -1;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                bad = i;
                break;
            }
        }

        if (bad < 0)
        {
            return value;
        }

        var builder = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                builder.Append(c).Append(value[++i]);
            }
            else
            {
                builder.Append(char.IsSurrogate(c) ? '\uFFFD' : c);
            }
        }

        return builder.ToString();
    }
}

/// <summary>The identifier a request is known by in evidence, logs and problem details.</summary>
internal static class TraceIds
{
    public static string Of(HttpContext context) => System.Diagnostics.Activity.Current?.Id ?? context.TraceIdentifier;

    /// <summary>The request target as received (path and query), for the upstream signal's MAC.</summary>
    public static string RawTarget(HttpContext context)
    {
        if (context.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw)
        {
            return raw;
        }

        var request = context.Request;
        return request.PathBase.Add(request.Path).ToUriComponent() + request.QueryString.ToUriComponent();
    }
}
