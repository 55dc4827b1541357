using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Tracehound.AspNetCore.Tests.Diagnostics;

public class HealthCheckTests
{
    [Fact]
    public async Task The_tracehound_check_follows_the_fail_safe_level_and_reports_its_data()
    {
        await using var host = await TestHost.StartAsync(new()
        {
            ["Tracehound:UpstreamSignal:TrustedProxies:0"] = "127.0.0.1",
            ["Tracehound:Quarantine:MaxItems"] = "20",
        });
        var health = host.App.Services.GetRequiredService<HealthCheckService>();
        var client = host.Client();

        async Task<HealthReportEntry> CheckAsync() => (await health.CheckHealthAsync(TestContext.Current.CancellationToken)).Entries["tracehound"];

        Assert.Equal(HealthStatus.Healthy, (await CheckAsync()).Status);
        for (var i = 0; i < 14; i++)
        {
            await client.SendAsync(Requests.Signal(HttpMethod.Get, "/hello?n=" + i), TestContext.Current.CancellationToken);
        }

        var degraded = await CheckAsync();
        Assert.Equal(HealthStatus.Degraded, degraded.Status);
        Assert.Equal("warning", degraded.Data["fail_safe_level"]);
        Assert.Equal(14, degraded.Data["quarantine_items"]);

        for (var i = 14; i < 19; i++)
        {
            await client.SendAsync(Requests.Signal(HttpMethod.Get, "/hello?n=" + i), TestContext.Current.CancellationToken);
        }

        var unhealthy = await CheckAsync();
        Assert.Equal(HealthStatus.Unhealthy, unhealthy.Status);
        Assert.Equal("emergency", unhealthy.Data["fail_safe_level"]);
    }
}
