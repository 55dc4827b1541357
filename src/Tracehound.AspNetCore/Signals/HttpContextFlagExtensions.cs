using Tracehound;
using Tracehound.AspNetCore;

namespace Microsoft.AspNetCore.Http;

/// <summary>In-app flagging: an endpoint or filter tells Tracehound that the request it is handling is a threat.</summary>
public static class HttpContextFlagExtensions
{
    /// <summary>
    /// Flags the request: once the endpoint returns, the request's evidence (method, path, query, captured
    /// headers, body) is quarantined and, when the response has not started yet, answered like any other
    /// quarantined request (403 by default). Return without writing a response (e.g. <c>Results.Empty</c>) to
    /// let Tracehound answer. Returns false when the request does not pass through <c>UseTracehound</c>.
    /// </summary>
    public static bool Flag(this HttpContext context, ThreatSignal signal)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(signal);
        if (context.Features.Get<ITracehoundFeature>() is not { } feature)
        {
            return false;
        }

        feature.Flag(signal);
        return true;
    }

    /// <summary>Flags the request with a signal built from its parts; see <see cref="Flag(HttpContext, ThreatSignal)"/>.</summary>
    public static bool Flag(this HttpContext context, ThreatCategory category, Severity severity, string detector = "app", string? ruleId = null, double? confidence = null) =>
        Flag(context, new ThreatSignal(category, severity, detector, confidence, ruleId));
}
