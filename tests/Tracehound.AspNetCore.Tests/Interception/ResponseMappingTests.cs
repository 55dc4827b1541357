using Tracehound.AspNetCore;

namespace Tracehound.AspNetCore.Tests.Interception;

public class ResponseMappingTests
{
    private static readonly Dictionary<string, string?> TrustLoopback = new()
    {
        ["Tracehound:UpstreamSignal:TrustedProxies:0"] = "127.0.0.1",
    };

    [Fact]
    public async Task A_clean_request_reaches_the_endpoint()
    {
        await using var host = await TestHost.StartAsync();
        var response = await host.Client().GetStringAsync("/hello", TestContext.Current.CancellationToken);
        Assert.Equal("hello", response);
        Assert.Equal(1, host.Agent.Counts.Clean);
    }

    [Fact]
    public async Task A_quarantined_request_gets_403_problem_details_with_signature_and_trace_id_but_no_payload()
    {
        await using var host = await TestHost.StartAsync(TrustLoopback);
        var response = await host.Client().SendAsync(Requests.Signal(HttpMethod.Post, "/echo", body: "{\"q\":\"SECRET-PAYLOAD' OR 1=1\"}"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.DoesNotContain("SECRET-PAYLOAD", text, StringComparison.Ordinal);
        var problem = await Requests.ProblemAsync(response);
        Assert.Equal(ProblemDetailsResponseWriter.Types.Quarantined, problem.GetProperty("type").GetString());
        Assert.Equal(403, problem.GetProperty("status").GetInt32());
        var signature = problem.GetProperty("signature").GetString();
        Assert.StartsWith("injection:", signature, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("traceId").GetString()));
        Assert.NotNull(host.Agent.Quarantine.Find(signature!));
    }

    [Fact]
    public async Task A_replayed_known_threat_is_ignored_and_still_blocked_with_403()
    {
        await using var host = await TestHost.StartAsync(TrustLoopback);
        var client = host.Client();
        var first = await client.SendAsync(Requests.Signal(HttpMethod.Post, "/echo", body: "{\"a\":1}"), TestContext.Current.CancellationToken);
        var again = await client.SendAsync(Requests.Signal(HttpMethod.Post, "/echo", body: "{\"a\":1}"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, first.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, again.StatusCode);
        var problem = await Requests.ProblemAsync(again);
        Assert.Equal(ProblemDetailsResponseWriter.Types.Ignored, problem.GetProperty("type").GetString());
        Assert.Equal((await Requests.ProblemAsync(first)).GetProperty("signature").GetString(), problem.GetProperty("signature").GetString());
        Assert.Equal(1, host.Agent.Counts.Ignored);
    }

    [Fact]
    public async Task A_rate_limited_client_gets_429_with_retry_after()
    {
        await using var host = await TestHost.StartAsync(new()
        {
            ["Tracehound:RateLimit:MaxRequests"] = "2",
            ["Tracehound:RateLimit:BlockDuration"] = "00:00:30",
        });
        var client = host.Client();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/hello", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/hello", TestContext.Current.CancellationToken)).StatusCode);
        var limited = await client.GetAsync("/hello", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        var retryAfter = limited.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, 30);
        var problem = await Requests.ProblemAsync(limited);
        Assert.Equal(ProblemDetailsResponseWriter.Types.RateLimited, problem.GetProperty("type").GetString());
        Assert.InRange(problem.GetProperty("retryAfterSeconds").GetInt32(), 1, 30);

        // Another client address has its own budget.
        Assert.Equal(HttpStatusCode.OK, (await host.Client(TestHost.Local2).GetAsync("/hello", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task A_flagged_request_over_the_payload_limit_gets_413()
    {
        var settings = new Dictionary<string, string?>(TrustLoopback) { ["Tracehound:Payload:MaxBytes"] = "4096" };
        await using var host = await TestHost.StartAsync(settings);
        var response = await host.Client().SendAsync(Requests.Signal(HttpMethod.Post, "/echo", body: new string('x', 10_000)), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await Requests.ProblemAsync(response);
        Assert.Equal(4096, problem.GetProperty("limitBytes").GetInt32());
        Assert.Equal(0, host.Agent.Quarantine.Count);
    }

    [Fact]
    public async Task An_error_result_lets_the_request_through_and_is_logged_and_counted()
    {
        await using var host = await TestHost.StartAsync(TrustLoopback);
        await host.Agent.DisposeAsync();

        var response = await host.Client().SendAsync(Requests.Signal(HttpMethod.Post, "/echo", body: "{}"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("2:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("{}"u8)), await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(1, host.Counters.Snapshot().FailOpen);
        var logged = Assert.Single(host.Logs.WithId(13));
        Assert.Contains(InterceptErrorCodes.AgentDisposed, logged.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_codes_can_be_changed_in_configuration()
    {
        var settings = new Dictionary<string, string?>(TrustLoopback) { ["Tracehound:Responses:QuarantinedStatusCode"] = "451" };
        await using var host = await TestHost.StartAsync(settings);
        var response = await host.Client().SendAsync(Requests.Signal(HttpMethod.Get, "/hello"), TestContext.Current.CancellationToken);
        Assert.Equal((HttpStatusCode)451, response.StatusCode);
    }

    [Fact]
    public async Task A_replacement_response_writer_answers_instead_of_the_default()
    {
        await using var host = await TestHost.StartAsync(TrustLoopback, services => services.AddSingleton<ITracehoundResponseWriter, TeapotWriter>());
        var response = await host.Client().SendAsync(Requests.Signal(HttpMethod.Get, "/hello"), TestContext.Current.CancellationToken);
        Assert.Equal((HttpStatusCode)418, response.StatusCode);
        Assert.Equal("blocked quarantined", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_response_writer_that_throws_still_blocks_with_the_bare_status_code()
    {
        await using var host = await TestHost.StartAsync(TrustLoopback, services => services.AddSingleton<ITracehoundResponseWriter, ThrowingWriter>());
        var response = await host.Client().SendAsync(Requests.Signal(HttpMethod.Get, "/hello"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private sealed class TeapotWriter : ITracehoundResponseWriter
    {
        public Task WriteAsync(HttpContext context, BlockedRequest blocked)
        {
            context.Response.StatusCode = 418;
            return context.Response.WriteAsync("blocked " + blocked.Result.Status.ToString().ToLowerInvariant());
        }
    }

    private sealed class ThrowingWriter : ITracehoundResponseWriter
    {
        public Task WriteAsync(HttpContext context, BlockedRequest blocked) => throw new InvalidOperationException("writer broke");
    }
}
