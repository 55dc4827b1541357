namespace Tracehound.AspNetCore.Tests.Interception;

public class ScentCaptureTests
{
    private static Dictionary<string, string?> Trusted(params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string?> { ["Tracehound:UpstreamSignal:TrustedProxies:0"] = "127.0.0.1" };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }

    [Fact]
    public async Task Evidence_holds_method_path_query_allowed_headers_and_the_body()
    {
        await using var host = await TestHost.StartAsync(Trusted());
        var request = Requests.Signal(HttpMethod.Post, "/echo?id=1%27%20OR%201=1", body: "{\"name\":\"x\"}");
        request.Headers.UserAgent.ParseAdd("sqlmap/1.7");
        request.Headers.TryAddWithoutValidation("X-Not-Listed", "nope");
        var response = await host.Client().SendAsync(request, TestContext.Current.CancellationToken);

        var payload = EvidenceReader.Payload(host.Agent, await EvidenceReader.SignatureOfAsync(response));
        Assert.Equal("POST", payload["method"]);
        Assert.Equal("/echo", payload["path"]);
        Assert.Equal("?id=1%27%20OR%201=1", payload["query"]);
        Assert.Equal("sqlmap/1.7", payload["header:user-agent"]);
        Assert.StartsWith("application/json", payload["header:content-type"], StringComparison.Ordinal);
        Assert.Equal("{\"name\":\"x\"}", Encoding.UTF8.GetString(Convert.FromBase64String(payload["body_base64"]!)));
        Assert.False(payload.ContainsKey("header:x-not-listed"));
    }

    [Fact]
    public async Task Authorization_cookie_and_configured_secrets_are_stored_as_hmacs_never_in_clear()
    {
        await using var host = await TestHost.StartAsync(Trusted(
            ("Tracehound:Capture:Headers:0", "Authorization"),
            ("Tracehound:Capture:Headers:1", "Cookie"),
            ("Tracehound:Capture:Headers:2", "X-Api-Key"),
            ("Tracehound:Capture:SecretHeaders:0", "X-Api-Key")));
        var request = Requests.Signal(HttpMethod.Get, "/hello");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer token-in-clear-123");
        request.Headers.TryAddWithoutValidation("Cookie", "session=cookie-in-clear-456");
        request.Headers.TryAddWithoutValidation("X-Api-Key", "key-in-clear-789");
        var response = await host.Client().SendAsync(request, TestContext.Current.CancellationToken);

        var evidence = host.Agent.Quarantine.Find(await EvidenceReader.SignatureOfAsync(response))!;
        Assert.True(evidence.TryRevealPayload(out var raw));
        var text = Encoding.UTF8.GetString(raw);
        Assert.DoesNotContain("in-clear", text, StringComparison.Ordinal);
        var payload = JsonSerializer.Deserialize<Dictionary<string, string?>>(raw)!;
        foreach (var key in new[] { "header:authorization", "header:cookie", "header:x-api-key" })
        {
            Assert.Matches("^hmac-sha256:[0-9a-f]{64}$", payload[key]);
        }
    }

    [Fact]
    public async Task A_configured_hash_key_makes_secret_hashes_reproducible()
    {
        var key = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
        await using var host = await TestHost.StartAsync(Trusted(("Tracehound:Capture:HashKey", key)));
        var request = Requests.Signal(HttpMethod.Get, "/hello");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer abc");
        var response = await host.Client().SendAsync(request, TestContext.Current.CancellationToken);

        var payload = EvidenceReader.Payload(host.Agent, await EvidenceReader.SignatureOfAsync(response));
        var expected = "hmac-sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(Convert.FromBase64String(key), "Bearer abc"u8));
        Assert.Equal(expected, payload["header:authorization"]);
    }

    [Fact]
    public async Task A_malformed_json_body_is_still_quarantined_because_the_body_is_kept_as_bytes()
    {
        await using var host = await TestHost.StartAsync(Trusted());
        var request = Requests.Signal(HttpMethod.Post, "/echo");
        request.Content = new ByteArrayContent([0x7B, 0x22, 0xFF, 0xFE, 0x00, 0x5C, 0x75, 0x44, 0x38, 0x30, 0x30]);
        request.Content.Headers.ContentType = new("application/json");
        var response = await host.Client().SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, host.Agent.Counts.Error);
        Assert.Equal(1, host.Agent.Counts.Quarantined);
    }

    [Fact]
    public async Task The_same_attack_replayed_from_another_address_has_the_same_signature()
    {
        await using var host = await TestHost.StartAsync(new()
        {
            ["Tracehound:UpstreamSignal:TrustedProxies:0"] = "127.0.0.1",
            ["Tracehound:UpstreamSignal:TrustedProxies:1"] = "127.0.0.2",
        });
        var first = await host.Client().SendAsync(Requests.Signal(HttpMethod.Post, "/echo", body: "<script>"), TestContext.Current.CancellationToken);
        var second = await host.Client(TestHost.Local2).SendAsync(Requests.Signal(HttpMethod.Post, "/echo", body: "<script>"), TestContext.Current.CancellationToken);

        Assert.Equal(await EvidenceReader.SignatureOfAsync(first), await EvidenceReader.SignatureOfAsync(second));
        Assert.Equal(1, host.Agent.Counts.Ignored);
    }

    [Fact]
    public void Values_with_unpaired_surrogates_are_made_well_formed()
    {
        Assert.Equal("a\uFFFDb", ScentBuilder.WellFormed("a\uD800b"));
        Assert.Equal("\uD83D\uDE00", ScentBuilder.WellFormed("\uD83D\uDE00"));
        Assert.Equal("x\uFFFD", ScentBuilder.WellFormed("x\uDC00"));
    }
}
