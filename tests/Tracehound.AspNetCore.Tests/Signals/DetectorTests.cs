using Tracehound.AspNetCore;

namespace Tracehound.AspNetCore.Tests.Signals;

public class DetectorTests
{
    [Fact]
    public async Task A_sync_detector_signal_quarantines_the_request()
    {
        await using var host = await TestHost.StartAsync(services: s => s.AddSingleton<IThreatDetector>(new PathDetector("/hello", Severity.Low)));
        var response = await host.Client().GetAsync("/hello", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("path-detector", host.Agent.Quarantine.List().Single().Detector);
        Assert.Equal(1, host.Counters.Snapshot().DetectorSignals);
    }

    [Fact]
    public async Task The_most_severe_signal_wins_when_several_detectors_flag()
    {
        await using var host = await TestHost.StartAsync(services: s =>
        {
            s.AddSingleton<IThreatDetector>(new PathDetector("/hello", Severity.Low));
            s.AddSingleton<IThreatDetector>(new PathDetector("/hello", Severity.Critical, "second"));
        });
        await host.Client().GetAsync("/hello", TestContext.Current.CancellationToken);
        var evidence = host.Agent.Quarantine.List().Single();
        Assert.Equal(Severity.Critical, evidence.Severity);
        Assert.Equal("second", evidence.Detector);
    }

    [Fact]
    public async Task A_sync_detector_that_throws_fails_open_and_is_counted()
    {
        await using var host = await TestHost.StartAsync(services: s => s.AddSingleton<IThreatDetector, ThrowingDetector>());
        var response = await host.Client().GetAsync("/hello", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, host.Counters.Snapshot().DetectorFaults);
        Assert.Contains("InvalidOperationException", Assert.Single(host.Logs.WithId(22)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_async_detector_signal_quarantines_the_request()
    {
        await using var host = await TestHost.StartAsync(services: s => s.AddSingleton<IAsyncThreatDetector>(new SlowDetector(TimeSpan.FromMilliseconds(5), flag: true)));
        var response = await host.Client().GetAsync("/hello", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task An_async_detector_that_ignores_its_budget_is_abandoned_and_the_request_goes_on()
    {
        var hanging = new HangingDetector();
        await using var host = await TestHost.StartAsync(
            new() { ["Tracehound:Detectors:AsyncBudget"] = "00:00:00.100" },
            services: s => s.AddSingleton<IAsyncThreatDetector>(hanging));
        var response = await host.Client().GetAsync("/hello", TestContext.Current.CancellationToken);

        // The detection never ends until released: the response proves the request did not wait for it.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(hanging.Finished);
        Assert.Equal(1, host.Counters.Snapshot().DetectorTimeouts);
        Assert.Single(host.Logs.WithId(21));
        hanging.Release();
    }

    [Fact]
    public async Task An_abandoned_async_detector_never_sees_a_later_request()
    {
        var lingering = new LingeringDetector();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var host = await TestHost.StartAsync(
            new() { ["Tracehound:Detectors:AsyncBudget"] = "00:00:00.050" },
            services: s => s.AddSingleton<IAsyncThreatDetector>(lingering),
            endpoints: app =>
            {
                app.MapGet("/first", () => "first");
                app.MapGet("/park", async () =>
                {
                    await gate.Task;
                    return "parked";
                });
            });
        var client = host.Client();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/first", TestContext.Current.CancellationToken)).StatusCode);

        // Later requests take request states from the pool while the abandoned detection still runs.
        var parked = Enumerable.Range(0, 32).Select(_ => host.Client().GetAsync("/park", TestContext.Current.CancellationToken)).ToList();
        while (lingering.Started < 33)
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        lingering.Release.SetResult();
        var seen = await lingering.Seen.Task.WaitAsync(TestContext.Current.CancellationToken);
        gate.SetResult();
        foreach (var response in await Task.WhenAll(parked))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal("outside its request", seen);
    }

    [Fact]
    public async Task An_async_detector_that_honours_its_budget_token_is_counted_as_a_timeout()
    {
        await using var host = await TestHost.StartAsync(
            new() { ["Tracehound:Detectors:AsyncBudget"] = "00:00:00.050" },
            services: s => s.AddSingleton<IAsyncThreatDetector>(new SlowDetector(TimeSpan.FromSeconds(30), flag: true)));
        var response = await host.Client().GetAsync("/hello", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, host.Counters.Snapshot().DetectorTimeouts);
    }

    [Fact]
    public async Task An_async_detector_that_throws_fails_open_and_is_counted()
    {
        await using var host = await TestHost.StartAsync(services: s => s.AddSingleton<IAsyncThreatDetector, ThrowingAsyncDetector>());
        var client = host.Client();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/hello", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/hello", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(2, host.Counters.Snapshot().DetectorFaults);
    }

    private sealed class PathDetector(string path, Severity severity, string name = "path-detector") : IThreatDetector
    {
        public string Name => name;

        public ThreatSignal? Detect(HttpContext context) =>
            context.Request.Path == path ? new ThreatSignal(ThreatCategory.Unknown, severity, name) : null;
    }

    private sealed class ThrowingDetector : IThreatDetector
    {
        public string Name => "throwing";

        public ThreatSignal? Detect(HttpContext context) => throw new InvalidOperationException("detector bug");
    }

    private sealed class ThrowingAsyncDetector : IAsyncThreatDetector
    {
        public string Name => "throwing-async";

        public async ValueTask<ThreatSignal?> DetectAsync(ThreatDetectionContext context, CancellationToken cancellationToken)
        {
            await Task.Yield();
            throw new InvalidOperationException("async detector bug");
        }
    }

    private sealed class SlowDetector(TimeSpan delay, bool flag) : IAsyncThreatDetector
    {
        public string Name => "slow";

        public async ValueTask<ThreatSignal?> DetectAsync(ThreatDetectionContext context, CancellationToken cancellationToken)
        {
            await Task.Delay(delay, cancellationToken);
            return flag ? new ThreatSignal(ThreatCategory.Spam, Severity.Medium, Name) : null;
        }
    }

    /// <summary>Ignores its budget on <c>/first</c>, then looks at its context again once released.</summary>
    private sealed class LingeringDetector : IAsyncThreatDetector
    {
        private int _started;

        public string Name => "lingering";

        public int Started => Volatile.Read(ref _started);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource<string> Seen { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async ValueTask<ThreatSignal?> DetectAsync(ThreatDetectionContext context, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _started);
            if (context.HttpContext.Request.Path != "/first")
            {
                return null;
            }

            await Release.Task;
            try
            {
                Seen.TrySetResult(context.HttpContext.Request.Path.Value ?? string.Empty);
            }
            catch (InvalidOperationException)
            {
                Seen.TrySetResult("outside its request");
            }

            return null;
        }
    }

    private sealed class HangingDetector : IAsyncThreatDetector
    {
        private readonly TaskCompletionSource<ThreatSignal?> _never = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Name => "hanging";

        public ValueTask<ThreatSignal?> DetectAsync(ThreatDetectionContext context, CancellationToken cancellationToken) => new(_never.Task);

        public bool Finished => _never.Task.IsCompleted;

        public void Release() => _never.TrySetResult(null);
    }
}
