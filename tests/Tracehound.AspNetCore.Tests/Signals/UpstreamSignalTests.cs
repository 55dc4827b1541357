using System.Security.Cryptography;
using Tracehound.AspNetCore;

namespace Tracehound.AspNetCore.Tests.Signals;

public class UpstreamSignalTests
{
    private static readonly byte[] MacKey = [.. Enumerable.Range(100, 32).Select(i => (byte)i)];

    private static Dictionary<string, string?> TrustOnly(string proxy, bool requireMac = false)
    {
        var settings = new Dictionary<string, string?> { ["Tracehound:UpstreamSignal:TrustedProxies:0"] = proxy };
        if (requireMac)
        {
            settings["Tracehound:UpstreamSignal:HmacKey"] = Convert.ToBase64String(MacKey);
        }

        return settings;
    }

    [Fact]
    public async Task A_signal_from_the_trusted_proxy_is_acted_on()
    {
        await using var host = await TestHost.StartAsync(TrustOnly("127.0.0.2"));
        var response = await host.Client(TestHost.Local2).SendAsync(Requests.Signal(HttpMethod.Get, "/hello"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var evidence = host.Agent.Quarantine.Find(await EvidenceReader.SignatureOfAsync(response))!;
        Assert.Equal("upstream", evidence.Detector);
        Assert.Equal("942100", evidence.RuleId);
        Assert.Equal(Severity.High, evidence.Severity);
        Assert.Equal("127.0.0.2", evidence.Source);
        Assert.Equal(1, host.Counters.Snapshot().AcceptedSignals);
    }

    [Fact]
    public async Task A_signal_from_an_untrusted_address_is_ignored_and_counted_as_a_spoof_attempt()
    {
        await using var host = await TestHost.StartAsync(TrustOnly("127.0.0.2"));
        var response = await host.Client(TestHost.Local1).SendAsync(Requests.Signal(HttpMethod.Get, "/hello", severity: "critical"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, host.Agent.Quarantine.Count);
        Assert.Equal(1, host.Counters.Snapshot().SpoofedUntrustedSource);
        var logged = Assert.Single(host.Logs.WithId(20));
        Assert.Contains("127.0.0.1", logged.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Trust_follows_the_address_and_not_the_direction()
    {
        await using var host = await TestHost.StartAsync(TrustOnly("127.0.0.1"));
        var fromTwo = await host.Client(TestHost.Local2).SendAsync(Requests.Signal(HttpMethod.Get, "/hello"), TestContext.Current.CancellationToken);
        var fromOne = await host.Client(TestHost.Local1).SendAsync(Requests.Signal(HttpMethod.Get, "/hello"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, fromTwo.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, fromOne.StatusCode);
    }

    [Fact]
    public async Task A_trusted_network_in_cidr_form_is_accepted()
    {
        await using var host = await TestHost.StartAsync(TrustOnly("127.0.0.0/30"));
        var response = await host.Client(TestHost.Local2).SendAsync(Requests.Signal(HttpMethod.Get, "/hello"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task With_a_mac_key_a_correctly_signed_signal_is_accepted()
    {
        await using var host = await TestHost.StartAsync(TrustOnly("127.0.0.1", requireMac: true));
        var request = Requests.Signal(HttpMethod.Get, "/hello?x=1");
        request.Headers.TryAddWithoutValidation("X-Threat-Mac", UpstreamSignalMac.Compute(MacKey, "GET", "/hello?x=1", "injection", "high", "942100"));
        var response = await host.Client().SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("00")]
    [InlineData("wrong-target")]
    [InlineData("wrong-key")]
    public async Task With_a_mac_key_a_missing_or_bad_mac_is_ignored_and_counted(string? variant)
    {
        await using var host = await TestHost.StartAsync(TrustOnly("127.0.0.1", requireMac: true));
        var request = Requests.Signal(HttpMethod.Get, "/hello?x=1");
        var mac = variant switch
        {
            null => null,
            "00" => "00",
            "wrong-target" => UpstreamSignalMac.Compute(MacKey, "GET", "/hello?x=2", "injection", "high", "942100"),
            _ => UpstreamSignalMac.Compute(new byte[32], "GET", "/hello?x=1", "injection", "high", "942100"),
        };
        if (mac is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Threat-Mac", mac);
        }

        var response = await host.Client().SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, host.Counters.Snapshot().SpoofedInvalidMac);
        Assert.Equal(0, host.Agent.Quarantine.Count);
    }

    [Theory]
    [InlineData("Injection; DROP", "high")]
    [InlineData("injection", "severe")]
    [InlineData("injection", "3")]
    public async Task A_malformed_signal_from_a_trusted_proxy_is_ignored_and_counted(string category, string severity)
    {
        await using var host = await TestHost.StartAsync(TrustOnly("127.0.0.1"));
        var response = await host.Client().SendAsync(Requests.Signal(HttpMethod.Get, "/hello", category, severity), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, host.Counters.Snapshot().MalformedSignals);
    }

    [Fact]
    public async Task Custom_header_names_and_detector_name_are_honoured()
    {
        var settings = TrustOnly("127.0.0.1");
        settings["Tracehound:UpstreamSignal:CategoryHeader"] = "X-Waf-Attack";
        settings["Tracehound:UpstreamSignal:SeverityHeader"] = "X-Waf-Level";
        settings["Tracehound:UpstreamSignal:Detector"] = "edge-waf";
        await using var host = await TestHost.StartAsync(settings);
        var request = new HttpRequestMessage(HttpMethod.Get, "/hello");
        request.Headers.TryAddWithoutValidation("X-Waf-Attack", "xss");
        request.Headers.TryAddWithoutValidation("X-Waf-Level", "Medium");
        var response = await host.Client().SendAsync(request, TestContext.Current.CancellationToken);

        var evidence = host.Agent.Quarantine.Find(await EvidenceReader.SignatureOfAsync(response))!;
        Assert.Equal("edge-waf", evidence.Detector);
        Assert.Equal("xss", evidence.Category.Name);
        Assert.Equal(Severity.Medium, evidence.Severity);
    }

    [Fact]
    public void The_mac_is_hmac_sha256_over_the_documented_lines()
    {
        var text = "tracehound-signal/1\nPOST\n/orders?id=1\ninjection\ncritical\n942100\n0.9";
        Assert.Equal(text, UpstreamSignalMac.CanonicalText("POST", "/orders?id=1", "injection", "critical", "942100", "0.9"));
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(MacKey, Encoding.UTF8.GetBytes(text)));
        Assert.Equal(expected, UpstreamSignalMac.Compute(MacKey, "POST", "/orders?id=1", "injection", "critical", "942100", "0.9"));
        Assert.True(UpstreamSignalMac.Verify(MacKey, expected.ToUpperInvariant(), "POST", "/orders?id=1", "injection", "critical", "942100", "0.9"));
        Assert.False(UpstreamSignalMac.Verify(MacKey, expected, "POST", "/orders?id=1", "injection", "critical", null, "0.9"));
    }
}

public class ForwardedHeadersTests
{
    [Fact]
    public async Task Behind_forwarded_headers_the_source_is_the_client_and_trust_is_checked_on_the_proxy()
    {
        await using var host = await TestHost.StartAsync(
            new() { ["Tracehound:UpstreamSignal:TrustedProxies:0"] = "127.0.0.2" },
            beforeTracehound: app =>
            {
                var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor };
                forwarded.KnownProxies.Add(TestHost.Local2);
                app.UseForwardedHeaders(forwarded);
            });
        var request = Requests.Signal(HttpMethod.Get, "/hello");
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", "203.0.113.9");
        var response = await host.Client(TestHost.Local2).SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var evidence = host.Agent.Quarantine.Find(await EvidenceReader.SignatureOfAsync(response))!;
        Assert.Equal("203.0.113.9", evidence.Source);
    }

    [Fact]
    public async Task A_client_cannot_borrow_a_trusted_address_through_x_forwarded_for()
    {
        await using var host = await TestHost.StartAsync(
            new() { ["Tracehound:UpstreamSignal:TrustedProxies:0"] = "127.0.0.2" },
            beforeTracehound: app =>
            {
                var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor };
                forwarded.KnownProxies.Add(TestHost.Local1);
                app.UseForwardedHeaders(forwarded);
            });
        var request = Requests.Signal(HttpMethod.Get, "/hello");
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", "127.0.0.2");
        var response = await host.Client(TestHost.Local1).SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, host.Counters.Snapshot().SpoofedUntrustedSource);
    }
}
