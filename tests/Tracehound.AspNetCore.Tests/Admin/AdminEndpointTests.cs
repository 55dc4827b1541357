using Tracehound.AspNetCore;
using Tracehound.AspNetCore.Admin;

namespace Tracehound.AspNetCore.Tests.Admin;

public class AdminEndpointTests
{
    private const string Token = "admin-token-0123456789";
    private const string RevealToken = "reveal-token-9876543210";

    private static Dictionary<string, string?> Enabled(params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Tracehound:Admin:Enabled"] = "true",
            ["Tracehound:Admin:Token"] = Token,
            ["Tracehound:Admin:RevealToken"] = RevealToken,
            ["Tracehound:UpstreamSignal:TrustedProxies:0"] = "127.0.0.1",
        };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }

    private static async Task<string> QuarantineOneAsync(TestHost host, string body = "{\"user\":\"admin' --\"}")
    {
        var response = await host.Client().SendAsync(Requests.Signal(HttpMethod.Post, "/echo", body: body), TestContext.Current.CancellationToken);
        return await EvidenceReader.SignatureOfAsync(response);
    }

    [Fact]
    public async Task Admin_endpoints_are_off_by_default()
    {
        await using var host = await TestHost.StartAsync();
        var client = host.Client();
        client.Bearer(Token);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/tracehound/status", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task A_request_without_a_token_is_refused_with_401_and_a_bearer_challenge()
    {
        await using var host = await TestHost.StartAsync(Enabled());
        var response = await host.Client().GetAsync("/tracehound/status", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(1, host.Counters.Snapshot().AdminDenied);
    }

    [Theory]
    [InlineData("admin-token-0123456788")]
    [InlineData("admin-token-0123456789-and-more")]
    [InlineData("short")]
    public async Task A_wrong_token_is_refused_with_401(string token)
    {
        await using var host = await TestHost.StartAsync(Enabled());
        var client = host.Client();
        client.Bearer(token);
        var response = await client.GetAsync("/tracehound/stats", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_caller_outside_the_allowed_networks_is_refused_even_with_the_right_token()
    {
        await using var host = await TestHost.StartAsync(Enabled(("Tracehound:Admin:AllowedNetworks:0", "127.0.0.1")));
        var outsider = host.Client(TestHost.Local2);
        outsider.Bearer(Token);
        var insider = host.Client(TestHost.Local1);
        insider.Bearer(Token);

        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.GetAsync("/tracehound/status", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await insider.GetAsync("/tracehound/status", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Contains("address not allowed", Assert.Single(host.Logs.WithId(30)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_reports_health_level_and_fill_in_its_versioned_shape()
    {
        await using var host = await TestHost.StartAsync(Enabled());
        await QuarantineOneAsync(host);
        var client = host.Client();
        client.Bearer(Token);
        var text = await client.GetStringAsync("/tracehound/status", TestContext.Current.CancellationToken);

        var status = JsonSerializer.Deserialize(text, AdminJsonContext.Default.StatusDocument)!;
        Assert.Equal(AdminSchemas.Status, status.Schema);
        Assert.Equal("healthy", status.Health);
        Assert.Equal("normal", status.FailSafeLevel);
        Assert.Equal(1, status.Quarantine.Count);
        Assert.False(status.Ledger.Configured);
        using var raw = JsonDocument.Parse(text);
        Assert.True(raw.RootElement.TryGetProperty("fail_safe_level", out _));
        Assert.True(raw.RootElement.GetProperty("quarantine").TryGetProperty("max_items", out _));
    }

    [Fact]
    public async Task Stats_count_intercepts_by_status_and_the_integrations_own_counters()
    {
        await using var host = await TestHost.StartAsync(Enabled());
        await QuarantineOneAsync(host);
        await QuarantineOneAsync(host);
        var spoof = Requests.Signal(HttpMethod.Get, "/hello");
        await host.Client(TestHost.Local2).SendAsync(spoof, TestContext.Current.CancellationToken);
        var client = host.Client();
        client.Bearer(Token);

        var stats = JsonSerializer.Deserialize(await client.GetStringAsync("/tracehound/stats", TestContext.Current.CancellationToken), AdminJsonContext.Default.StatsDocument)!;
        Assert.Equal(AdminSchemas.Stats, stats.Schema);
        Assert.Equal(1, stats.Intercepts.Quarantined);
        Assert.Equal(1, stats.Intercepts.Ignored);
        Assert.Equal(1, stats.Intercepts.Clean);
        Assert.Equal(1, stats.Http.SpoofedSignals.UntrustedSource);
        Assert.Equal(4, stats.Quarantine.BySeverity.Count);
        Assert.Equal(1, stats.Quarantine.BySeverity.Single(b => b.Severity == "high").Count);
    }

    [Fact]
    public async Task Stats_carry_recent_evictions_and_alerts()
    {
        await using var host = await TestHost.StartAsync(Enabled(("Tracehound:Quarantine:MaxItems", "1")));
        await QuarantineOneAsync(host, "first");
        await QuarantineOneAsync(host, "second");
        await host.Agent.Notifications.FlushAsync(TestContext.Current.CancellationToken);
        var client = host.Client();
        client.Bearer(Token);

        var stats = JsonSerializer.Deserialize(await client.GetStringAsync("/tracehound/stats", TestContext.Current.CancellationToken), AdminJsonContext.Default.StatsDocument)!;
        var evicted = Assert.Single(stats.RecentEvents, e => e.Kind == "evicted");
        Assert.Equal("item_limit", evicted.Code);
        Assert.Equal("high", evicted.Severity);
        Assert.Contains(stats.RecentEvents, e => e.Kind == "alert" && e.Code == AlertCodes.HighSeverityEvicted);
    }

    [Fact]
    public async Task Evidence_is_listed_and_described_without_its_payload()
    {
        await using var host = await TestHost.StartAsync(Enabled());
        var signature = await QuarantineOneAsync(host, "{\"marker\":\"PAYLOAD-MARKER\"}");
        var client = host.Client();
        client.Bearer(Token);

        var listText = await client.GetStringAsync("/tracehound/evidence?severity=high", TestContext.Current.CancellationToken);
        Assert.DoesNotContain("PAYLOAD-MARKER", listText, StringComparison.Ordinal);
        var list = JsonSerializer.Deserialize(listText, AdminJsonContext.Default.EvidenceListDocument)!;
        Assert.Equal(1, list.Total);
        Assert.Equal(signature, list.Items.Single().Signature);

        var none = JsonSerializer.Deserialize(await client.GetStringAsync("/tracehound/evidence?severity=low", TestContext.Current.CancellationToken), AdminJsonContext.Default.EvidenceListDocument)!;
        Assert.Equal(0, none.Total);

        var one = JsonSerializer.Deserialize(await client.GetStringAsync($"/tracehound/evidence/{signature}", TestContext.Current.CancellationToken), AdminJsonContext.Default.EvidenceDocument)!;
        Assert.Equal("upstream", one.Detector);
        Assert.Equal("quarantined", one.State);
        Assert.Equal("127.0.0.1", one.Source);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/tracehound/evidence/injection:" + new string('0', 64), TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/tracehound/evidence/not-a-signature", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(3, host.Logs.WithId(31).Count);
    }

    [Fact]
    public async Task Revealing_a_payload_needs_the_reveal_token_and_is_audited()
    {
        await using var host = await TestHost.StartAsync(Enabled());
        var signature = await QuarantineOneAsync(host, "{\"marker\":\"PAYLOAD-MARKER\"}");
        var admin = host.Client();
        admin.Bearer(Token);
        var denied = await admin.PostAsync($"/tracehound/evidence/{signature}/reveal", null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Contains("insufficient_scope", denied.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);

        var revealer = host.Client();
        revealer.Bearer(RevealToken);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await revealer.GetAsync($"/tracehound/evidence/{signature}/reveal", TestContext.Current.CancellationToken)).StatusCode);
        var revealed = await revealer.PostAsync($"/tracehound/evidence/{signature}/reveal", null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, revealed.StatusCode);
        var document = JsonSerializer.Deserialize(await revealed.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), AdminJsonContext.Default.RevealDocument)!;
        var payload = JsonSerializer.Deserialize<Dictionary<string, string>>(Convert.FromBase64String(document.PayloadBase64))!;
        Assert.Equal("{\"marker\":\"PAYLOAD-MARKER\"}", Encoding.UTF8.GetString(Convert.FromBase64String(payload["body_base64"])));
        Assert.StartsWith("reveal-token:", document.Actor, StringComparison.Ordinal);

        Assert.Equal(1, host.Counters.Snapshot().PayloadReveals);
        Assert.Single(host.Logs.WithId(32));
        var audited = host.Logs.WithId(31).Select(e => e.Message).ToList();
        Assert.Contains(audited, m => m.Contains("admin.reveal_denied", StringComparison.Ordinal));
        Assert.Contains(audited, m => m.Contains("admin.payload_revealed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_checkpoint_endpoint_says_no_ledger_is_configured_without_a_data_directory()
    {
        await using var host = await TestHost.StartAsync(Enabled());
        var client = host.Client();
        client.Bearer(Token);
        var response = await client.GetAsync("/tracehound/ledger/checkpoint", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("No ledger configured", (await Requests.ProblemAsync(response)).GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_custom_prefix_moves_the_endpoints_and_leaves_the_app_alone()
    {
        await using var host = await TestHost.StartAsync(Enabled(("Tracehound:Admin:PathPrefix", "/_ops/th")));
        var client = host.Client();
        client.Bearer(Token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/_ops/th/status", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/_ops/th/unknown", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal("hello", await client.GetStringAsync("/hello", TestContext.Current.CancellationToken));
    }
}
