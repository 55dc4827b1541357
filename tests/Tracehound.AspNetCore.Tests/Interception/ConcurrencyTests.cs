namespace Tracehound.AspNetCore.Tests.Interception;

public class ConcurrencyTests
{
    [Fact]
    public async Task Pooled_request_state_never_carries_a_flag_or_a_body_into_another_request()
    {
        await using var host = await TestHost.StartAsync(endpoints: app => app.MapPost("/maybe", async (HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var body = await reader.ReadToEndAsync();
            if (body.StartsWith("bad", StringComparison.Ordinal))
            {
                await Task.Yield();
                http.Flag(ThreatCategory.Spam, Severity.Medium, "concurrency");
                return Results.Empty;
            }

            return Results.Text(body);
        }));
        var clients = Enumerable.Range(0, 8).Select(_ => host.Client()).ToArray();
        const int Requests = 400;

        var results = await Task.WhenAll(Enumerable.Range(0, Requests).Select(async i =>
        {
            var bad = i % 3 == 0;
            var body = (bad ? "bad-" : "good-") + i;
            var response = await clients[i % clients.Length].PostAsync("/maybe", new StringContent(body), TestContext.Current.CancellationToken);
            var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            return (bad, body, response.StatusCode, text);
        }));

        foreach (var (bad, body, status, text) in results)
        {
            if (bad)
            {
                Assert.Equal(HttpStatusCode.Forbidden, status);
            }
            else
            {
                Assert.Equal(HttpStatusCode.OK, status);
                Assert.Equal(body, text);
            }
        }

        var flagged = results.Count(r => r.bad);
        Assert.Equal(flagged, host.Agent.Quarantine.Count);
        foreach (var evidence in host.Agent.Quarantine.List())
        {
            var payload = EvidenceReader.Payload(host.Agent, evidence.Signature.ToString());
            Assert.StartsWith("bad-", Encoding.UTF8.GetString(Convert.FromBase64String(payload["body_base64"]!)), StringComparison.Ordinal);
        }

        Assert.Equal(Requests, host.Agent.Counts.Clean);
        Assert.Equal(flagged, host.Counters.Snapshot().LateFlags);
    }
}
