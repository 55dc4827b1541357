using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Tracehound.AspNetCore;

/// <summary>
/// Owns the agent's lifetime in the host: before the server starts it opens the data directory (when one
/// is configured); on start it records the start time and routes the agent's alerts, fail-safe changes and
/// evictions to the log; once every hosted service has stopped (so in-flight requests have drained through
/// Kestrel) it closes the storage (final checkpoint) and disposes the agent.
/// </summary>
internal sealed class TracehoundHostedService(
    Agent agent,
    TracehoundSettings settings,
    TracehoundLifetime lifetime,
    TracehoundStorageHost storage,
    RecentEvents recent,
    ILogger<TracehoundHostedService> logger) : IHostedLifecycleService
{
    private Subscription? _subscription;

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        // Before the server starts: recover the data directory and restore the quarantine first.
        storage.Open();
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.MarkStarted();
        _subscription = agent.Subscribe(OnEvent, "tracehound.log");
        var options = settings.Options;
        Log.Started(
            logger,
            options.Quarantine.MaxItems,
            options.Quarantine.MaxBytes,
            options.Payload.MaxBytes,
            settings.AdminEnabled ? $"on at {settings.AdminPrefix}" : "off",
            options.DataDirectory ?? "(none: memory only)");
        return Task.CompletedTask;
    }

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppedAsync(CancellationToken cancellationToken)
    {
        var counts = agent.Counts;
        Log.Stopped(logger, counts.Quarantined, counts.Ignored, counts.RateLimited, counts.Error);
        if (_subscription is not null)
        {
            await _subscription.DisposeAsync().ConfigureAwait(false);
            _subscription = null;
        }

        // The storage drains its lanes and signs a last checkpoint before the agent stops.
        await storage.DisposeAsync().ConfigureAwait(false);
        await agent.DisposeAsync().ConfigureAwait(false);
    }

    private void OnEvent(TracehoundEvent e)
    {
        recent.Add(e);
        switch (e)
        {
            case Alert alert:
                Log.Alert(logger, alert.Code, TracehoundMetrics.SeverityName(alert.Severity), alert.Message);
                break;
            case FailSafeLevelChanged changed:
                Log.FailSafeLevelChanged(logger, TracehoundHealthCheck.LevelName(changed.Previous), TracehoundHealthCheck.LevelName(changed.Current), changed.Reason);
                break;
            case EvidenceEvicted evicted when logger.IsEnabled(LogLevel.Debug):
                Log.Evicted(logger, evicted.Evidence.Signature.ToString(), TracehoundMetrics.SeverityName(evicted.Evidence.Severity), evicted.Reason.ToString());
                break;
            case EvidenceQuarantined quarantined when logger.IsEnabled(LogLevel.Debug):
                Log.Quarantined(logger, quarantined.Evidence.Signature.ToString(), TracehoundMetrics.SeverityName(quarantined.Evidence.Severity), quarantined.Evidence.Source);
                break;
            default:
                break;
        }
    }
}
