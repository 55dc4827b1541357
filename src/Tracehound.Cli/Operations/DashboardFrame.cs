using System.Text.Json.Nodes;

namespace Tracehound.Cli.Operations;

/// <summary>One refresh of <c>tracehound watch</c>, from either source.</summary>
/// <param name="Time">When it was read.</param>
/// <param name="Source">The address or data directory watched.</param>
/// <param name="RatesByStatus">Intercepts per second by status since the previous frame (online only).</param>
/// <param name="Health">healthy, degraded or unhealthy (online only).</param>
/// <param name="FailSafeLevel">The fail-safe level (online only).</param>
/// <param name="BySeverity">Evidence held per severity: count and bytes.</param>
/// <param name="Held">Evidence held.</param>
/// <param name="MaxItems">The item limit, when known.</param>
/// <param name="FillRatio">The quarantine's fill ratio, when known.</param>
/// <param name="LedgerSize">Ledger leaves (offline: as of the latest checkpoint).</param>
/// <param name="Alerts">Recent alerts, newest first (online, when the application offers them).</param>
/// <param name="Evictions">Recent evictions, newest first.</param>
/// <param name="Note">What this source cannot show.</param>
internal sealed record DashboardFrame(
    DateTimeOffset Time,
    string Source,
    IReadOnlyList<(string Status, double PerSecond)> RatesByStatus,
    string? Health,
    string? FailSafeLevel,
    IReadOnlyList<(string Severity, int Count, long Bytes)> BySeverity,
    int Held,
    int? MaxItems,
    double? FillRatio,
    long? LedgerSize,
    IReadOnlyList<string> Alerts,
    IReadOnlyList<string> Evictions,
    string? Note)
{
    public JsonObject ToJson()
    {
        var rates = new JsonObject();
        foreach (var (status, perSecond) in RatesByStatus)
        {
            rates[status] = Math.Round(perSecond, 2);
        }

        var severities = new JsonObject();
        foreach (var (severity, count, bytes) in BySeverity)
        {
            severities[severity] = new JsonObject { ["count"] = count, ["bytes"] = bytes };
        }

        return new JsonObject
        {
            ["schema"] = "tracehound.watch-frame/v1",
            ["time"] = Time.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["source"] = Source,
            ["intercepts_per_second"] = rates,
            ["health"] = Health,
            ["fail_safe_level"] = FailSafeLevel,
            ["quarantine"] = new JsonObject
            {
                ["held"] = Held,
                ["max_items"] = MaxItems,
                ["fill_ratio"] = FillRatio,
                ["by_severity"] = severities,
            },
            ["ledger_size"] = LedgerSize,
            ["alerts"] = new JsonArray([.. Alerts.Select(a => (JsonNode?)JsonValue.Create(a))]),
            ["evictions"] = new JsonArray([.. Evictions.Select(e => (JsonNode?)JsonValue.Create(e))]),
        };
    }
}
