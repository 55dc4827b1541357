using Microsoft.Extensions.DependencyInjection;
using Tracehound.AspNetCore;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Adds the Tracehound middleware to the pipeline.</summary>
public static class TracehoundApplicationBuilderExtensions
{
    /// <summary>
    /// Adds the Tracehound middleware (and, when <c>Tracehound:Admin:Enabled</c>, the admin endpoints under
    /// <c>Tracehound:Admin:PathPrefix</c>). Place it after <c>UseForwardedHeaders</c>, so the client address is
    /// the forwarded one, and before the endpoints it protects. Requires <c>services.AddTracehound()</c>.
    /// </summary>
    public static IApplicationBuilder UseTracehound(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.ApplicationServices.GetService<TracehoundMarker>() is null)
        {
            throw new InvalidOperationException("UseTracehound() needs Tracehound's services: call builder.Services.AddTracehound() first.");
        }

        return app.UseMiddleware<TracehoundMiddleware>();
    }
}
