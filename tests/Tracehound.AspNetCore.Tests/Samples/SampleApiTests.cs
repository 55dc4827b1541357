using Microsoft.Extensions.Logging;
using Tracehound.Samples.Api;

namespace Tracehound.AspNetCore.Tests.Samples;

public class SampleApiTests
{
    private static SampleApiOptions Options(bool tracehound = true)
    {
        var options = new SampleApiOptions { Url = "http://127.0.0.1:0", EnableTracehound = tracehound, ConfigureLogging = l => l.ClearProviders() };
        options.Configuration["Tracehound:Quarantine:Compression"] = "false";
        return options;
    }

    [Fact]
    public async Task The_sample_starts_on_a_free_loopback_port_and_serves_its_endpoints()
    {
        await using var api = await SampleApi.StartAsync(Options(), TestContext.Current.CancellationToken);
        using var client = new HttpClient { BaseAddress = api.BaseAddress };
        Assert.Equal("127.0.0.1", api.BaseAddress.Host);
        Assert.NotEqual(0, api.BaseAddress.Port);

        var products = await client.GetFromJsonAsync<Product[]>("api/products", TestContext.Current.CancellationToken);
        Assert.Equal(5, products!.Length);
        var order = await client.PostAsJsonAsync("api/orders", new OrderRequest(3, 2, "gift wrap"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, order.StatusCode);
        Assert.Equal(898.00m, (await order.Content.ReadFromJsonAsync<Order>(TestContext.Current.CancellationToken))!.Total);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("api/login", new LoginRequest("demo", "wrong"), TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal("Healthy", await client.GetStringAsync("health", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_review_endpoint_flags_an_injection_after_its_validation_and_a_replay_is_still_blocked()
    {
        await using var api = await SampleApi.StartAsync(Options(), TestContext.Current.CancellationToken);
        using var client = new HttpClient { BaseAddress = api.BaseAddress };
        var attack = new ReviewRequest(1, 5, "great' OR '1'='1");

        var first = await client.PostAsJsonAsync("api/reviews", attack, TestContext.Current.CancellationToken);
        var replay = await client.PostAsJsonAsync("api/reviews", attack, TestContext.Current.CancellationToken);
        var honest = await client.PostAsJsonAsync("api/reviews", new ReviewRequest(1, 4, "Comfortable, a bit narrow."), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, first.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, replay.StatusCode);
        Assert.Equal(HttpStatusCode.Created, honest.StatusCode);
        var agent = api.App.Services.GetRequiredService<Agent>();
        var evidence = Assert.Single(agent.Quarantine.List());
        Assert.Equal(SampleApi.ReviewValidator, evidence.Detector);
        Assert.Equal("sql-tautology", evidence.RuleId);
        Assert.Equal(1, agent.Counts.Ignored);
    }

    [Fact]
    public async Task The_bare_sample_serves_the_same_endpoints_without_tracehound()
    {
        await using var api = await SampleApi.StartAsync(Options(tracehound: false), TestContext.Current.CancellationToken);
        using var client = new HttpClient { BaseAddress = api.BaseAddress };
        Assert.Null(api.App.Services.GetService<Agent>());
        var review = await client.PostAsJsonAsync("api/reviews", new ReviewRequest(1, 5, "great' OR '1'='1"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, review.StatusCode);
    }

    [Theory]
    [InlineData("x' or 1=1 --", "sql-tautology")]
    [InlineData("1 UNION ALL SELECT password FROM users", "sql-union-select")]
    [InlineData("<SCRIPT>alert(1)</script>", "html-script-tag")]
    [InlineData("Nice shoes, or so I thought", null)]
    public void Review_screening_finds_well_known_injection_shapes(string text, string? rule) =>
        Assert.Equal(rule, ReviewScreening.FindInjection(text));
}

public sealed class SampleApiStorageTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "tracehound-sample-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task With_a_data_directory_the_sample_keeps_its_evidence_across_restarts()
    {
        SampleApiOptions Options()
        {
            var options = new SampleApiOptions { Url = "http://127.0.0.1:0", DataDirectory = _directory, ConfigureLogging = l => l.ClearProviders() };
            return options;
        }

        var attack = new ReviewRequest(2, 1, "<script>steal()</script>");
        await using (var api = await SampleApi.StartAsync(Options(), TestContext.Current.CancellationToken))
        {
            using var client = new HttpClient { BaseAddress = api.BaseAddress };
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("api/reviews", attack, TestContext.Current.CancellationToken)).StatusCode);
        }

        Assert.True(Directory.Exists(Path.Combine(_directory, "ledger")));
        await using (var again = await SampleApi.StartAsync(Options(), TestContext.Current.CancellationToken))
        {
            using var client = new HttpClient { BaseAddress = again.BaseAddress };
            var replay = await client.PostAsJsonAsync("api/reviews", attack, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Forbidden, replay.StatusCode);
            Assert.Equal(1, again.App.Services.GetRequiredService<Agent>().Counts.Ignored);
        }
    }
}
