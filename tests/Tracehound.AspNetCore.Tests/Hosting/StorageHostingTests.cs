using System.Diagnostics.Metrics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Tracehound.AspNetCore;
using Tracehound.AspNetCore.Admin;

namespace Tracehound.AspNetCore.Tests.Hosting;

public sealed class StorageHostingTests : IDisposable
{
    private const string Token = "admin-token-0123456789";
    private const string RevealToken = "reveal-token-9876543210";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "tracehound-aspnetcore-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
        else if (File.Exists(_directory))
        {
            File.Delete(_directory);
        }
    }

    private Dictionary<string, string?> Settings() => new()
    {
        ["Tracehound:DataDirectory"] = _directory,
        ["Tracehound:UpstreamSignal:TrustedProxies:0"] = "127.0.0.1",
        ["Tracehound:Admin:Enabled"] = "true",
        ["Tracehound:Admin:Token"] = Token,
        ["Tracehound:Admin:RevealToken"] = RevealToken,
    };

    [Fact]
    public async Task Evidence_survives_a_restart_and_the_ledger_signs_a_checkpoint()
    {
        string signature;
        await using (var first = await TestHost.StartAsync(Settings()))
        {
            var response = await first.Client().SendAsync(Requests.Signal(HttpMethod.Post, "/echo", body: "{\"id\":\"1 OR 1=1\"}"), TestContext.Current.CancellationToken);
            signature = await EvidenceReader.SignatureOfAsync(response);
            await first.App.Services.GetTracehoundStorage()!.FlushAsync(TestContext.Current.CancellationToken);
        }

        await using var second = await TestHost.StartAsync(Settings());
        Assert.NotNull(second.Agent.Quarantine.Find(signature));
        var replay = await second.Client().SendAsync(Requests.Signal(HttpMethod.Post, "/echo", body: "{\"id\":\"1 OR 1=1\"}"), TestContext.Current.CancellationToken);
        Assert.Equal(ProblemDetailsResponseWriter.Types.Ignored, (await Requests.ProblemAsync(replay)).GetProperty("type").GetString());
        Assert.Single(second.Logs.WithId(3));

        var client = second.Client();
        client.Bearer(Token);
        var status = JsonSerializer.Deserialize(await client.GetStringAsync("/tracehound/status", TestContext.Current.CancellationToken), AdminJsonContext.Default.StatusDocument)!;
        Assert.True(status.Ledger.Configured);
        Assert.True(status.Ledger.Healthy);
        Assert.True(status.Ledger.Size > 0);

        // The first host signed a checkpoint when it closed the data directory.
        var checkpoint = JsonSerializer.Deserialize(await client.GetStringAsync("/tracehound/ledger/checkpoint", TestContext.Current.CancellationToken), AdminJsonContext.Default.CheckpointDocument)!;
        Assert.Equal(AdminSchemas.Checkpoint, checkpoint.Schema);
        Assert.True(checkpoint.Size > 0);
        Assert.Matches("^[0-9a-f]{64}$", checkpoint.RootHash);
        Assert.StartsWith(checkpoint.Origin + "\n" + checkpoint.Size + "\n", checkpoint.SignedNote, StringComparison.Ordinal);
        Assert.Contains("\n\u2014 ", checkpoint.SignedNote, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_payload_reveal_is_a_ledger_leaf()
    {
        await using var host = await TestHost.StartAsync(Settings());
        var signature = await EvidenceReader.SignatureOfAsync(await host.Client().SendAsync(Requests.Signal(HttpMethod.Post, "/echo", body: "x"), TestContext.Current.CancellationToken));
        var client = host.Client();
        client.Bearer(RevealToken);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/tracehound/evidence/{signature}/reveal", null, TestContext.Current.CancellationToken)).StatusCode);

        var storage = host.App.Services.GetTracehoundStorage()!;
        await storage.FlushAsync(TestContext.Current.CancellationToken);
        var records = storage.Ledger.FindBySubject(signature).Select(storage.Ledger.ReadRecord).ToList();
        var action = Assert.Single(records, r => r.Kind == "operator.action");
        Assert.Contains(action.Attributes, a => a.Key == "action" && a.Value.AsString() == "admin.payload_revealed");
        Assert.Contains(action.Attributes, a => a.Key == "actor" && a.Value.AsString().StartsWith("reveal-token:", StringComparison.Ordinal));
        Assert.Contains(records, r => r.Kind == "evidence.quarantined");
    }

    [Fact]
    public async Task Ledger_size_and_storage_backlog_are_measured()
    {
        var seen = new List<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == TracehoundMetrics.MeterName && instrument.Name.StartsWith("tracehound.", StringComparison.Ordinal))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            lock (seen)
            {
                seen.Add($"{instrument.Name}={value}");
            }
        });
        listener.Start();
        await using var host = await TestHost.StartAsync(Settings());
        await host.Client().SendAsync(Requests.Signal(HttpMethod.Get, "/hello"), TestContext.Current.CancellationToken);
        await host.App.Services.GetTracehoundStorage()!.FlushAsync(TestContext.Current.CancellationToken);
        listener.RecordObservableInstruments();

        lock (seen)
        {
            Assert.Contains(seen, s => s.StartsWith("tracehound.ledger.size=", StringComparison.Ordinal) && s != "tracehound.ledger.size=0");
            Assert.Contains(seen, s => s.StartsWith("tracehound.storage.backlog=", StringComparison.Ordinal));
            Assert.Contains(seen, s => s.StartsWith("tracehound.storage.dropped=", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task An_unusable_data_directory_fails_open_into_memory_reports_unhealthy_and_refuses_reveals()
    {
        await File.WriteAllTextAsync(_directory, "not a directory", TestContext.Current.CancellationToken);
        await using var host = await TestHost.StartAsync(Settings());
        Assert.Null(host.App.Services.GetTracehoundStorage());

        var response = await host.Client().SendAsync(Requests.Signal(HttpMethod.Post, "/echo", body: "y"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Single(host.Logs.WithId(50));

        var health = (await host.App.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(TestContext.Current.CancellationToken)).Entries["tracehound"];
        Assert.Equal(HealthStatus.Unhealthy, health.Status);
        Assert.True(health.Data.ContainsKey("storage_failure"));

        var client = host.Client();
        client.Bearer(RevealToken);
        var reveal = await client.PostAsync($"/tracehound/evidence/{await EvidenceReader.SignatureOfAsync(response)}/reveal", null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, reveal.StatusCode);
        var status = JsonSerializer.Deserialize(await client.GetStringAsync("/tracehound/status", TestContext.Current.CancellationToken), AdminJsonContext.Default.StatusDocument)!;
        Assert.Equal("unhealthy", status.Health);
        Assert.False(status.Ledger.Healthy);
    }

    [Fact]
    public async Task Bad_storage_options_stop_start_up_naming_the_key()
    {
        var settings = Settings();
        settings["Tracehound:Storage:QueueCapacity"] = "3";
        var failure = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => TestHost.StartAsync(settings));
        Assert.Contains("Tracehound:Storage:QueueCapacity must be at least 16", failure.Message, StringComparison.Ordinal);
    }
}
