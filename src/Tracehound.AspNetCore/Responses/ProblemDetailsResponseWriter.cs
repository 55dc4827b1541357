using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Tracehound.AspNetCore;

/// <summary>
/// The default <see cref="ITracehoundResponseWriter"/>: <c>application/problem+json</c> (RFC 9457) with
/// <c>type</c>, <c>title</c>, <c>status</c>, <c>detail</c>, the evidence <c>signature</c> and the <c>traceId</c>;
/// <c>Retry-After</c> for rate-limited requests. Never the payload.
/// </summary>
public sealed class ProblemDetailsResponseWriter : ITracehoundResponseWriter
{
    /// <summary>The problem type URIs, one per outcome.</summary>
    public static class Types
    {
        /// <summary>Newly quarantined.</summary>
        public const string Quarantined = "urn:tracehound:problem:quarantined";

        /// <summary>A known threat again.</summary>
        public const string Ignored = "urn:tracehound:problem:known-threat";

        /// <summary>Rate-limited.</summary>
        public const string RateLimited = "urn:tracehound:problem:rate-limited";

        /// <summary>Evidence over the payload limit.</summary>
        public const string PayloadTooLarge = "urn:tracehound:problem:payload-too-large";
    }

    private readonly ResponseOptions _options;

    /// <summary>Creates the writer with the configured status codes.</summary>
    public ProblemDetailsResponseWriter(IOptions<TracehoundOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value.Responses ?? new ResponseOptions();
    }

    /// <inheritdoc />
    public async Task WriteAsync(HttpContext context, BlockedRequest blocked)
    {
        ArgumentNullException.ThrowIfNull(context);
        var result = blocked.Result;
        var (status, type, title, detail) = result.Status switch
        {
            InterceptStatus.Quarantined => (_options.QuarantinedStatusCode, Types.Quarantined, "Request quarantined", "The request was flagged as a threat and its evidence was quarantined."),
            InterceptStatus.Ignored => (_options.IgnoredStatusCode, Types.Ignored, "Known threat", "The request matches evidence that is already quarantined."),
            InterceptStatus.RateLimited => (_options.RateLimitedStatusCode, Types.RateLimited, "Too many requests", "The client exceeded the request rate limit."),
            InterceptStatus.PayloadTooLarge => (_options.PayloadTooLargeStatusCode, Types.PayloadTooLarge, "Payload too large", "The request was flagged as a threat and its payload exceeds the size limit."),
            _ => throw new ArgumentException($"{result.Status} results are not blocked.", nameof(blocked)),
        };

        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "application/problem+json";
        response.Headers.CacheControl = "no-store";
        if (result.Status == InterceptStatus.RateLimited)
        {
            response.Headers[HeaderNames.RetryAfter] = Math.Max(1, (long)Math.Ceiling(result.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        using var buffer = new MemoryStream(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", type);
            json.WriteString("title", title);
            json.WriteNumber("status", status);
            json.WriteString("detail", detail);
            if (result.Status is InterceptStatus.Quarantined or InterceptStatus.Ignored)
            {
                json.WriteString("signature", result.Signature.ToString());
            }

            if (blocked.Signal is { } signal && result.Status != InterceptStatus.RateLimited)
            {
                json.WriteString("category", signal.Category.Name);
                json.WriteString("severity", TracehoundMetrics.SeverityName(signal.Severity));
            }

            if (result.Status == InterceptStatus.RateLimited)
            {
                json.WriteNumber("retryAfterSeconds", Math.Max(1, (long)Math.Ceiling(result.RetryAfter.TotalSeconds)));
            }

            if (result.Status == InterceptStatus.PayloadTooLarge)
            {
                json.WriteNumber("limitBytes", result.Limit);
            }

            json.WriteString("traceId", blocked.TraceId);
            json.WriteEndObject();
        }

        response.ContentLength = buffer.Length;
        await response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted).ConfigureAwait(false);
    }
}
