using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Tracehound.AspNetCore;

namespace Tracehound.AspNetCore.Tests.Diagnostics;

public sealed class MetricsTests : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags, object Meter)> _measurements = new();

    public MetricsTests()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == TracehoundMetrics.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        _listener.Start();
    }

    public void Dispose() => _listener.Dispose();

    [Fact]
    public async Task Intercepts_by_status_quarantine_and_duration_are_measured()
    {
        await using var host = await TestHost.StartAsync(new() { ["Tracehound:UpstreamSignal:TrustedProxies:0"] = "127.0.0.1" });
        var meter = host.App.Services.GetRequiredService<TracehoundMetrics>().Meter;
        var client = host.Client();
        await client.GetAsync("/hello", TestContext.Current.CancellationToken);
        await client.SendAsync(Requests.Signal(HttpMethod.Get, "/hello", severity: "critical"), TestContext.Current.CancellationToken);
        _listener.RecordObservableInstruments();

        var mine = _measurements.Where(m => ReferenceEquals(m.Meter, meter)).ToList();
        Assert.Contains(mine, m => m.Instrument == "tracehound.intercepts" && (string?)m.Tags["status"] == "clean" && m.Value == 1);
        Assert.Contains(mine, m => m.Instrument == "tracehound.intercepts" && (string?)m.Tags["status"] == "quarantined" && m.Value == 1);
        Assert.Contains(mine, m => m.Instrument == "tracehound.quarantine.items" && (string?)m.Tags["severity"] == "critical" && m.Value == 1);
        Assert.Contains(mine, m => m.Instrument == "tracehound.quarantine.bytes" && (string?)m.Tags["severity"] == "critical" && m.Value > 0);
        Assert.Contains(mine, m => m.Instrument == "tracehound.failsafe.level" && m.Value == 0);
        Assert.Contains(mine, m => m.Instrument == "tracehound.quarantine.evictions" && (string?)m.Tags["reason"] == "item_limit");
        Assert.Equal(2, mine.Count(m => m.Instrument == "tracehound.intercept.duration"));
        Assert.Contains(mine, m => m.Instrument == "tracehound.intercept.duration" && (string?)m.Tags["status"] == "quarantined" && m.Value > 0);
        Assert.Contains(mine, m => m.Instrument == "tracehound.signals" && (string?)m.Tags["origin"] == "upstream");
    }

    [Fact]
    public async Task Spoof_attempts_detector_failures_and_admin_refusals_are_counted()
    {
        await using var host = await TestHost.StartAsync(
            new()
            {
                ["Tracehound:UpstreamSignal:TrustedProxies:0"] = "127.0.0.2",
                ["Tracehound:Admin:Enabled"] = "true",
                ["Tracehound:Admin:Token"] = "admin-token-0123456789",
            },
            services: s => s.AddSingleton<IThreatDetector, FaultyDetector>());
        var meter = host.App.Services.GetRequiredService<TracehoundMetrics>().Meter;
        var client = host.Client();
        await client.SendAsync(Requests.Signal(HttpMethod.Get, "/hello"), TestContext.Current.CancellationToken);
        await client.GetAsync("/tracehound/status", TestContext.Current.CancellationToken);

        var mine = _measurements.Where(m => ReferenceEquals(m.Meter, meter)).ToList();
        Assert.Contains(mine, m => m.Instrument == "tracehound.signals.spoofed" && (string?)m.Tags["reason"] == "untrusted_source");
        Assert.Contains(mine, m => m.Instrument == "tracehound.detector.failures" && (string?)m.Tags["detector"] == "faulty" && (string?)m.Tags["reason"] == "fault");
        Assert.Contains(mine, m => m.Instrument == "tracehound.admin.requests" && (string?)m.Tags["outcome"] == "missingtoken");
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>();
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }

        _measurements.Enqueue((instrument.Name, value, copy, instrument.Meter));
    }

    private sealed class FaultyDetector : IThreatDetector
    {
        public string Name => "faulty";

        public ThreatSignal? Detect(HttpContext context) => throw new InvalidOperationException();
    }
}
