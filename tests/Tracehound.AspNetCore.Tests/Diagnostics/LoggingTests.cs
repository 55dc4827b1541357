using Tracehound.AspNetCore;

namespace Tracehound.AspNetCore.Tests.Diagnostics;

public class LoggingTests
{
    private const string Marker = "PAYLOAD-NEVER-LOGGED-7f3a";

    [Fact]
    public async Task No_log_entry_ever_contains_the_payload_a_secret_header_or_the_body()
    {
        await using var host = await TestHost.StartAsync(
            new()
            {
                ["Tracehound:UpstreamSignal:TrustedProxies:0"] = "127.0.0.1",
                ["Tracehound:Admin:Enabled"] = "true",
                ["Tracehound:Admin:Token"] = "admin-token-0123456789",
                ["Tracehound:Admin:RevealToken"] = "reveal-token-9876543210",
            },
            services: s => s.AddSingleton<IThreatDetector, MarkerDetector>(),
            endpoints: app => app.MapPost("/late", (HttpContext http) =>
            {
                http.Flag(ThreatCategory.Spam, Severity.Low);
                return Results.Empty;
            }));
        var client = host.Client();
        foreach (var path in new[] { "/echo", "/echo", "/late" })
        {
            var request = Requests.Signal(HttpMethod.Post, path + "?q=" + Marker, body: "{\"x\":\"" + Marker + "\"}");
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + Marker);
            await client.SendAsync(request, TestContext.Current.CancellationToken);
        }

        await client.PostAsync("/echo", new StringContent(Marker), TestContext.Current.CancellationToken);
        client.Bearer("reveal-token-9876543210");
        var signature = host.Agent.Quarantine.List()[0].Signature.ToString();
        await client.PostAsync($"/tracehound/evidence/{signature}/reveal", null, TestContext.Current.CancellationToken);
        await host.Agent.Notifications.FlushAsync(TestContext.Current.CancellationToken);

        Assert.NotEmpty(host.Logs.WithId(10));
        Assert.NotEmpty(host.Logs.WithId(32));
        foreach (var entry in host.Logs.Entries.Where(e => e.Category.StartsWith("Tracehound", StringComparison.Ordinal)))
        {
            Assert.DoesNotContain(Marker, entry.AllText, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Start_and_stop_are_logged_with_their_event_ids()
    {
        var host = await TestHost.StartAsync();
        var logs = host.Logs;
        await host.DisposeAsync();
        Assert.Single(logs.WithId(1));
        Assert.Single(logs.WithId(2));
    }

    private sealed class MarkerDetector : IThreatDetector
    {
        public string Name => "marker";

        public ThreatSignal? Detect(HttpContext context) =>
            context.Request.QueryString.Value?.Contains(Marker, StringComparison.Ordinal) == true ? new ThreatSignal(ThreatCategory.Injection, Severity.Medium, Name) : null;
    }
}
