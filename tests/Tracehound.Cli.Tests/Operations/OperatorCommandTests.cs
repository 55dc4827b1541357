using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tracehound.AspNetCore;
using Tracehound.Samples.Api;

namespace Tracehound.Cli.Tests.Operations;

/// <summary>status, stats, inspect and watch against a running sample API and against its data directory.</summary>
public sealed class OperatorCommandTests : IAsyncLifetime
{
    private const string Token = "operator-tests-admin-token-0123456789";
    private const string InjectionReview = """{"productId":3,"rating":4,"text":"nice' OR '1'='1"}""";
    private readonly TempDirectory _data = new();
    private RunningSampleApi? _api;

    private Uri Admin => new(_api!.BaseAddress, "tracehound");

    public async ValueTask InitializeAsync()
    {
        var options = new SampleApiOptions
        {
            Url = "http://127.0.0.1:0",
            DataDirectory = _data.Path,
            ConfigureLogging = logging => logging.ClearProviders(),
        };
        options.Configuration["Tracehound:Admin:Enabled"] = "true";
        options.Configuration["Tracehound:Admin:Token"] = Token;
        options.Configuration["Tracehound:Storage:CheckpointInterval"] = "00:00:00.100";
        _api = await SampleApi.StartAsync(options, TestContext.Current.CancellationToken);
        using var client = new HttpClient { BaseAddress = _api.BaseAddress };
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("api/products", TestContext.Current.CancellationToken)).StatusCode);
        using var review = new StringContent(InjectionReview, System.Text.Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync("api/reviews", review, TestContext.Current.CancellationToken)).StatusCode);

        // Settle the background lanes, so the golden documents see one state: compressed, durable, checkpointed.
        var agent = _api.App.Services.GetRequiredService<Agent>();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (agent.Snapshot().Compression.Backlog > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        await _api.App.Services.GetTracehoundStorage()!.CheckpointAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }

        _data.Dispose();
    }

    private string HeldSignature()
    {
        var (exit, output, _) = Cli.Run("stats", "--url", Admin.ToString(), "--token", Token, "--json");
        Assert.Equal(0, exit);
        using var stats = JsonDocument.Parse(output);
        Assert.Equal(1, stats.RootElement.GetProperty("intercepts").GetProperty("quarantined").GetInt32());
        var (_, evidence, _) = Cli.Run("inspect", "--url", Admin.ToString(), "--token", Token, "--json", SignatureFromList());
        using var document = JsonDocument.Parse(evidence);
        return document.RootElement.GetProperty("signature").GetString()!;
    }

    private string SignatureFromList()
    {
        using var client = new HttpClient { BaseAddress = _api!.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token);
        var list = client.GetFromJsonAsync<JsonElement>("tracehound/evidence", TestContext.Current.CancellationToken).GetAwaiter().GetResult();
        return list.GetProperty("items")[0].GetProperty("signature").GetString()!;
    }

    [Fact]
    public void Status_against_the_running_application_matches_the_golden_json()
    {
        var (exit, output, _) = Cli.Run("status", "--url", Admin.ToString(), "--token", Token, "--json");
        Assert.Equal(0, exit);
        Golden.AssertMatches("status-online.json", output);
        var text = Cli.Run("status", "--url", Admin.ToString(), "--token", Token);
        Assert.Contains("healthy", text.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_online_shows_metadata_never_the_payload()
    {
        var signature = HeldSignature();
        var (exit, output, _) = Cli.Run("inspect", signature, "--url", Admin.ToString(), "--token", Token, "--json");
        Assert.Equal(0, exit);
        Assert.DoesNotContain("OR '1'='1", output, StringComparison.Ordinal);
        Golden.AssertMatches("inspect-online.json", output);
        var missing = "injection:" + new string('0', 64);
        Assert.Equal(1, Cli.Run("inspect", missing, "--url", Admin.ToString(), "--token", Token).Exit);
    }

    [Fact]
    public async Task Offline_status_stats_and_inspect_read_the_data_directory()
    {
        var signature = HeldSignature();
        // Let the storage lanes commit what the request produced.
        await Task.Delay(500, TestContext.Current.CancellationToken);
        var status = Cli.Run("status", "--data", _data.Path, "--json");
        Assert.Equal(0, status.Exit);
        using (var document = JsonDocument.Parse(status.Out))
        {
            Assert.Equal("tracehound.offline-status/v1", document.RootElement.GetProperty("schema").GetString());
            Assert.Equal(1, document.RootElement.GetProperty("quarantine").GetProperty("count").GetInt32());
        }

        var stats = Cli.Run("stats", "--data", _data.Path, "--json");
        Assert.Equal(0, stats.Exit);
        using (var document = JsonDocument.Parse(stats.Out))
        {
            var kinds = document.RootElement.GetProperty("ledger_records_by_kind");
            Assert.Equal(1, kinds.GetProperty("evidence.quarantined").GetInt32());
        }

        var inspect = Cli.Run("inspect", signature, "--data", _data.Path, "--json");
        Assert.Equal(0, inspect.Exit);
        Assert.DoesNotContain("OR '1'='1", inspect.Out, StringComparison.Ordinal);
        Golden.AssertMatches("inspect-offline.json", inspect.Out);
    }

    [Fact]
    public void Watch_prints_frames_with_rates_and_the_quarantine()
    {
        var (exit, output, _) = Cli.Run("watch", "--url", Admin.ToString(), "--token", Token, "--json", "--count", "2", "--interval", "00:00:00.300");
        Assert.Equal(0, exit);
        var frames = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line)).ToList();
        Assert.Equal(2, frames.Count);
        Assert.Equal("tracehound.watch-frame/v1", frames[0].RootElement.GetProperty("schema").GetString());
        Assert.Equal(1, frames[1].RootElement.GetProperty("quarantine").GetProperty("held").GetInt32());
        Assert.True(frames[1].RootElement.GetProperty("intercepts_per_second").TryGetProperty("clean", out _));
        Assert.Equal("healthy", frames[1].RootElement.GetProperty("health").GetString());
        foreach (var frame in frames)
        {
            frame.Dispose();
        }

        var text = Cli.Run("watch", "--data", _data.Path, "--count", "1");
        Assert.Equal(0, text.Exit);
        Assert.Contains("quarantine", text.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Refused_and_malformed_requests_have_their_exit_codes()
    {
        var wrongToken = Cli.Run("status", "--url", Admin.ToString(), "--token", "not-the-token-at-all-000000");
        Assert.Equal(3, wrongToken.Exit);
        Assert.Contains("401", wrongToken.Error, StringComparison.Ordinal);
        Assert.Equal(2, Cli.Run("status", "--url", Admin.ToString()).Exit);
        Assert.Equal(2, Cli.Run("status", "--url", Admin.ToString(), "--data", _data.Path, "--token", Token).Exit);
        Assert.Equal(2, Cli.Run("inspect", "not-a-signature", "--data", _data.Path).Exit);
        Assert.Equal(3, Cli.Run("status", "--url", "http://127.0.0.1:1/tracehound", "--token", Token).Exit);
        Assert.Equal(2, Cli.Run("watch", "--data", _data.Path, "--interval", "00:00:00.001").Exit);
    }
}
