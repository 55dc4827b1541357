using Microsoft.Extensions.Diagnostics.HealthChecks;
using Tracehound.AspNetCore.Admin;

namespace Tracehound.AspNetCore;

/// <summary>
/// The <c>tracehound</c> health check: Healthy at the Normal fail-safe level, Degraded at Warning and
/// Critical, Unhealthy at Emergency or when the durable storage reports a failure. Its data carries the
/// level, the quarantine's fill and the errors of the last minute.
/// </summary>
internal sealed class TracehoundHealthCheck(Agent agent, IAdminLedger? ledger = null) : IHealthCheck
{
    /// <summary>The name <c>AddTracehound</c> registers it under.</summary>
    public const string Name = "tracehound";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(Evaluate(agent, ledger));

    internal static HealthCheckResult Evaluate(Agent agent, IAdminLedger? ledger)
    {
        var level = agent.FailSafeLevel;
        var quarantine = agent.Quarantine.Snapshot();
        var snapshot = agent.Snapshot();
        var data = new Dictionary<string, object>
        {
            ["fail_safe_level"] = LevelName(level),
            ["quarantine_items"] = quarantine.Count,
            ["quarantine_bytes"] = quarantine.Bytes,
            ["quarantine_fill_ratio"] = quarantine.FillRatio,
            ["errors_last_minute"] = snapshot.ErrorsLastMinute,
        };

        var failure = ledger is { Configured: true } ? ledger.Failure : null;
        if (failure is not null)
        {
            data["storage_failure"] = failure;
            return HealthCheckResult.Unhealthy($"Tracehound storage failed: {failure}", data: data);
        }

        return level switch
        {
            FailSafeLevel.Normal => HealthCheckResult.Healthy("Tracehound is within its limits.", data),
            FailSafeLevel.Emergency => HealthCheckResult.Unhealthy("Tracehound is at the emergency fail-safe level.", data: data),
            _ => HealthCheckResult.Degraded($"Tracehound is at the {LevelName(level)} fail-safe level.", data: data),
        };
    }

    internal static string LevelName(FailSafeLevel level) => level switch
    {
        FailSafeLevel.Warning => "warning",
        FailSafeLevel.Critical => "critical",
        FailSafeLevel.Emergency => "emergency",
        _ => "normal",
    };

    internal static string HealthName(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "healthy",
        HealthStatus.Degraded => "degraded",
        _ => "unhealthy",
    };
}
