using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Tracehound;
using Tracehound.AspNetCore;
using Tracehound.AspNetCore.Admin;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Tracehound: <c>builder.Services.AddTracehound()</c>, then <c>app.UseTracehound()</c>.</summary>
public static class TracehoundServiceCollectionExtensions
{
    /// <summary>
    /// Adds Tracehound with options bound from the <c>Tracehound</c> configuration section, then
    /// <paramref name="configure"/>. Options are validated at start: bad options stop the host with a message
    /// naming each bad key. Registers the <see cref="Agent"/> (a singleton), the hosted service that owns its
    /// lifetime, the <c>tracehound</c> health check, the <c>Tracehound</c> meter and <see cref="TracehoundCounters"/>.
    /// </summary>
    public static IServiceCollection AddTracehound(this IServiceCollection services, Action<TracehoundOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<TracehoundOptions>().BindConfiguration(TracehoundOptions.SectionName);
        return AddCore(services, options, configure);
    }

    /// <summary>Adds Tracehound with options bound from <paramref name="section"/> instead of the <c>Tracehound</c> section.</summary>
    public static IServiceCollection AddTracehound(this IServiceCollection services, IConfiguration section, Action<TracehoundOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        var options = services.AddOptions<TracehoundOptions>().Bind(section);
        return AddCore(services, options, configure);
    }

    private static IServiceCollection AddCore(IServiceCollection services, OptionsBuilder<TracehoundOptions> options, Action<TracehoundOptions>? configure)
    {
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        if (services.Any(d => d.ServiceType == typeof(TracehoundMarker)))
        {
            return services;
        }

        services.AddSingleton<TracehoundMarker>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TracehoundOptions>, TracehoundOptionsValidator>());
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<TracehoundSettings>();
        services.TryAddSingleton(sp => new Agent(sp.GetRequiredService<TracehoundSettings>().Options.Agent, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<TracehoundCounters>();
        services.TryAddSingleton<TracehoundLifetime>();
        services.TryAddSingleton<RecentEvents>();
        services.TryAddSingleton<TracehoundMetrics>();
        services.TryAddSingleton<ScentBuilder>();
        services.TryAddSingleton<UpstreamSignalReader>();
        services.TryAddSingleton<ITracehoundResponseWriter, ProblemDetailsResponseWriter>();
        services.TryAddSingleton<TracehoundStorageHost>();
        services.TryAddSingleton<IAdminAudit>(sp => sp.GetRequiredService<TracehoundStorageHost>());
        services.TryAddSingleton<IAdminLedger>(sp => sp.GetRequiredService<TracehoundStorageHost>());
        services.TryAddSingleton<AdminEndpoints>();
        services.AddHostedService<TracehoundHostedService>();
        services.AddHealthChecks().AddCheck<TracehoundHealthCheck>(TracehoundHealthCheck.Name);
        return services;
    }
}

/// <summary>Marks that <c>AddTracehound</c> ran, so <c>UseTracehound</c> can say so when it did not.</summary>
internal sealed class TracehoundMarker;
