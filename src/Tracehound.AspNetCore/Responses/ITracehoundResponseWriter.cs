using Microsoft.AspNetCore.Http;

namespace Tracehound.AspNetCore;

/// <summary>
/// Writes the response for a request Tracehound stops. The default writes RFC 9457 problem details with
/// the status codes of <see cref="ResponseOptions"/>; register another implementation before or after
/// <c>AddTracehound</c> (it replaces the default) to answer differently. It is never called for Clean or
/// Error results: those requests go on to the endpoint. It must never write the payload.
/// </summary>
public interface ITracehoundResponseWriter
{
    /// <summary>Writes the response; the response has not started and its headers are empty.</summary>
    Task WriteAsync(HttpContext context, BlockedRequest blocked);
}
