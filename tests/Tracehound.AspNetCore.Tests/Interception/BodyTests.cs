using System.Security.Cryptography;
using Tracehound.AspNetCore;

namespace Tracehound.AspNetCore.Tests.Interception;

public class BodyTests
{
    private static string Digest(byte[] body) => $"{body.Length}:{Convert.ToHexStringLower(SHA256.HashData(body))}";

    private static byte[] Body(int length) => [.. Enumerable.Range(0, length).Select(i => (byte)(i * 31))];

    [Fact]
    public async Task The_endpoint_reads_the_whole_body_of_a_clean_request()
    {
        await using var host = await TestHost.StartAsync();
        var body = Body(100_000);
        var response = await host.Client().PostAsync("/echo", new ByteArrayContent(body), TestContext.Current.CancellationToken);
        Assert.Equal(Digest(body), await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_endpoint_reads_the_whole_body_after_a_detector_read_it_first()
    {
        var detector = new BodyReadingDetector();
        await using var host = await TestHost.StartAsync(new() { ["Tracehound:Detectors:AsyncBudget"] = "00:00:10" }, services: s => s.AddSingleton<IAsyncThreatDetector>(detector));
        var body = Body(50_000);
        var response = await host.Client().PostAsync("/echo", new ByteArrayContent(body), TestContext.Current.CancellationToken);

        Assert.Equal(Digest(body), await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(body.Length, detector.Seen);
    }

    [Fact]
    public async Task A_streamed_body_far_over_the_limit_flows_through_and_the_detector_sees_only_the_limit()
    {
        var detector = new BodyReadingDetector();
        await using var host = await TestHost.StartAsync(
            new() { ["Tracehound:Payload:MaxBytes"] = "65536", ["Tracehound:Detectors:AsyncBudget"] = "00:00:10" },
            services: s => s.AddSingleton<IAsyncThreatDetector>(detector));
        var body = Body(3_000_000);
        var content = new StreamContent(new MemoryStream(body));
        var response = await host.Client().PostAsync("/echo", content, TestContext.Current.CancellationToken);

        Assert.Equal(Digest(body), await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(65_536, detector.Seen);
        Assert.True(detector.SawOverflow);
    }

    [Fact]
    public async Task A_late_flag_after_the_endpoint_read_the_body_has_the_body_as_evidence()
    {
        await using var host = await TestHost.StartAsync(endpoints: app => app.MapPost("/comment", async (HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var text = await reader.ReadToEndAsync();
            if (text.Contains("DROP TABLE", StringComparison.Ordinal))
            {
                http.Flag(ThreatCategory.Injection, Severity.Critical, "comment-validator", "drop-table");
                return Results.Empty;
            }

            return Results.Ok();
        }));
        var response = await host.Client().PostAsync("/comment", new StringContent("hi'; DROP TABLE users; --"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var signature = await EvidenceReader.SignatureOfAsync(response);
        var evidence = host.Agent.Quarantine.Find(signature)!;
        Assert.Equal("comment-validator", evidence.Detector);
        Assert.Equal(Severity.Critical, evidence.Severity);
        var payload = EvidenceReader.Payload(host.Agent, signature);
        Assert.Equal("hi'; DROP TABLE users; --", Encoding.UTF8.GetString(Convert.FromBase64String(payload["body_base64"]!)));
        Assert.Equal(1, host.Counters.Snapshot().LateFlags);
        Assert.Equal(0, host.Counters.Snapshot().LateFlagsAfterResponseStarted);
    }

    [Fact]
    public async Task A_late_flag_when_the_endpoint_left_the_body_unread_still_captures_it()
    {
        await using var host = await TestHost.StartAsync(endpoints: app => app.MapPost("/flag-only", (HttpContext http) =>
        {
            http.Flag(ThreatCategory.Spam, Severity.Low);
            return Results.Empty;
        }));
        var response = await host.Client().PostAsync("/flag-only", new StringContent("buy cheap pills"), TestContext.Current.CancellationToken);

        var payload = EvidenceReader.Payload(host.Agent, await EvidenceReader.SignatureOfAsync(response));
        Assert.Equal("buy cheap pills", Encoding.UTF8.GetString(Convert.FromBase64String(payload["body_base64"]!)));
    }

    [Fact]
    public async Task A_late_flag_over_the_payload_limit_is_answered_413_without_holding_the_body()
    {
        await using var host = await TestHost.StartAsync(
            new() { ["Tracehound:Payload:MaxBytes"] = "1024" },
            endpoints: app => app.MapPost("/upload", async (HttpContext http) =>
            {
                await http.Request.Body.CopyToAsync(Stream.Null);
                http.Flag(ThreatCategory.Malware, Severity.High, "av");
                return Results.Empty;
            }));
        var response = await host.Client().PostAsync("/upload", new ByteArrayContent(Body(200_000)), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(1, host.Agent.Counts.PayloadTooLarge);
    }

    [Fact]
    public async Task A_late_flag_after_the_response_started_quarantines_and_lets_the_response_finish()
    {
        await using var host = await TestHost.StartAsync(endpoints: app => app.MapGet("/stream", async (HttpContext http) =>
        {
            await http.Response.WriteAsync("partial answer");
            http.Flag(ThreatCategory.Injection, Severity.Medium, "late");
        }));
        var response = await host.Client().GetAsync("/stream", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("partial answer", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(1, host.Agent.Quarantine.Count);
        Assert.Equal(1, host.Counters.Snapshot().LateFlagsAfterResponseStarted);
        Assert.Single(host.Logs.WithId(23));
    }

    [Fact]
    public async Task With_abort_configured_a_late_flag_after_the_response_started_cuts_the_connection()
    {
        await using var host = await TestHost.StartAsync(
            new() { ["Tracehound:Responses:LateFlagAfterResponseStarted"] = "Abort" },
            endpoints: app => app.MapGet("/stream", async (HttpContext http) =>
            {
                http.Response.ContentLength = 1000;
                await http.Response.WriteAsync("partial");
                await http.Response.Body.FlushAsync();
                http.Flag(ThreatCategory.Injection, Severity.Medium, "late");
            }));

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => host.Client().GetStringAsync("/stream", TestContext.Current.CancellationToken));
        Assert.Equal(1, host.Agent.Quarantine.Count);
    }

    [Fact]
    public void Flag_outside_the_middleware_reports_false()
    {
        Assert.False(new DefaultHttpContext().Flag(ThreatCategory.Spam, Severity.Low));
    }

    private sealed class BodyReadingDetector : IAsyncThreatDetector
    {
        public string Name => "body-reader";

        public int Seen { get; private set; }

        public bool SawOverflow { get; private set; }

        public async ValueTask<ThreatSignal?> DetectAsync(ThreatDetectionContext context, CancellationToken cancellationToken)
        {
            var body = await context.ReadBodyAsync(cancellationToken);
            Seen = body.Length;
            SawOverflow = context.BodyExceedsLimit;
            return null;
        }
    }
}

public class BodyCopyOffTests
{
    [Fact]
    public async Task With_copying_off_a_late_flag_keeps_what_was_left_unread_and_says_the_capture_is_partial()
    {
        await using var host = await TestHost.StartAsync(
            new() { ["Tracehound:Capture:BodyForLateFlags"] = "false" },
            endpoints: app => app.MapPost("/half", async (HttpContext http) =>
            {
                var head = new byte[5];
                await http.Request.Body.ReadExactlyAsync(head);
                http.Flag(ThreatCategory.Spam, Severity.Low);
                return Results.Empty;
            }));
        var response = await host.Client().PostAsync("/half", new StringContent("01234rest-of-body"), TestContext.Current.CancellationToken);

        var payload = EvidenceReader.Payload(host.Agent, await EvidenceReader.SignatureOfAsync(response));
        Assert.Equal("rest-of-body", Encoding.UTF8.GetString(Convert.FromBase64String(payload["body_base64"]!)));
        Assert.Equal("partial", payload["body_capture"]);
    }
}
