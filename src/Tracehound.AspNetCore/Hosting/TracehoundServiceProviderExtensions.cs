using Microsoft.Extensions.DependencyInjection;
using Tracehound.Storage;

namespace Tracehound.AspNetCore;

/// <summary>Reaches Tracehound's durable storage from the application's services (e.g. to flush before reading the ledger).</summary>
public static class TracehoundServiceProviderExtensions
{
    /// <summary>
    /// The open <see cref="TracehoundStorage"/>, or null without a data directory, before the host started
    /// or when the data directory could not be opened.
    /// </summary>
    public static TracehoundStorage? GetTracehoundStorage(this IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.GetService<TracehoundStorageHost>()?.Storage;
    }
}
