using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace Tracehound.Tests.Notifications;

public class NotificationTests
{
    [Fact]
    public async Task A_throwing_subscriber_does_not_affect_intercepts_and_is_counted()
    {
        await using var agent = new Agent(TestScents.Options());
        using var thrower = agent.Subscribe(_ => throw new InvalidOperationException("subscriber bug"));
        var seen = new ConcurrentQueue<TracehoundEvent>();
        using var listener = agent.Subscribe(seen.Enqueue);
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(InterceptStatus.Quarantined, agent.Intercept(TestScents.Threat($"t{i}")).Status);
        }

        await agent.Notifications.FlushAsync(TestContext.Current.CancellationToken);
        Assert.Equal(10, thrower.Faults);
        Assert.Equal(10, seen.OfType<EvidenceQuarantined>().Count());
        Assert.Equal(10, agent.Snapshot().Notifications.HandlerFaults);
    }

    [Fact]
    public async Task A_blocking_subscriber_only_drops_its_own_events()
    {
        await using var agent = new Agent(TestScents.Options(maxItems: 10_000, maxBytes: 1 << 24));
        using var gate = new ManualResetEventSlim(false);
        using var blocked = agent.Notifications.Subscribe(_ => gate.Wait(), "stuck", capacity: 8);
        var seen = new ConcurrentQueue<TracehoundEvent>();
        using var healthy = agent.Notifications.Subscribe(seen.Enqueue, "healthy", capacity: 4096);

        for (var i = 0; i < 200; i++)
        {
            Assert.Equal(InterceptStatus.Quarantined, agent.Intercept(TestScents.Threat($"t{i}")).Status);
        }

        await healthy.FlushAsync(TestContext.Current.CancellationToken);
        Assert.Equal(200, seen.Count);
        Assert.True(blocked.Dropped >= 200 - 9, $"dropped {blocked.Dropped}");
        Assert.Equal(blocked.Dropped, agent.Notifications.Dropped);
        gate.Set();
    }

    [Fact]
    public async Task Dropped_notifications_raise_an_alert_from_the_maintenance_lane()
    {
        var time = new FakeTimeProvider();
        await using var agent = new Agent(TestScents.Options(maxItems: 1000), time);
        using var gate = new ManualResetEventSlim(false);
        using var blocked = agent.Notifications.Subscribe(_ => gate.Wait(), "stuck", capacity: 1);
        var seen = new ConcurrentQueue<TracehoundEvent>();
        using var listener = agent.Subscribe(seen.Enqueue);
        for (var i = 0; i < 20; i++)
        {
            agent.Intercept(TestScents.Threat($"t{i}"));
        }

        time.Advance(TimeSpan.FromSeconds(1));
        await listener.FlushAsync(TestContext.Current.CancellationToken);
        Assert.Contains(seen.OfType<Alert>(), a => a.Code == AlertCodes.NotificationsDropped);
        gate.Set();
    }

    [Fact]
    public async Task Alerts_are_rate_limited_with_one_flood_escalation_per_window()
    {
        var time = new FakeTimeProvider();
        var options = TestScents.Options(maxItems: 1);
        options.Notifications.MaxAlertsPerWindow = 3;
        options.Notifications.AlertWindow = TimeSpan.FromMinutes(1);
        await using var agent = new Agent(options, time);
        var seen = new ConcurrentQueue<TracehoundEvent>();
        using var listener = agent.Subscribe(seen.Enqueue);

        // Every insert evicts the previous critical evidence: one alert each.
        for (var i = 0; i < 11; i++)
        {
            agent.Intercept(TestScents.Threat($"c{i}", Severity.Critical));
        }

        await listener.FlushAsync(TestContext.Current.CancellationToken);
        var alerts = seen.OfType<Alert>().ToList();
        Assert.Equal(3, alerts.Count(a => a.Code == AlertCodes.HighSeverityEvicted));
        Assert.Single(alerts, a => a.Code == AlertCodes.AlertFlood);
        Assert.Equal(7, agent.Snapshot().Notifications.AlertsSuppressed);

        time.Advance(TimeSpan.FromMinutes(1));
        agent.Intercept(TestScents.Threat("next window", Severity.Critical));
        await listener.FlushAsync(TestContext.Current.CancellationToken);
        Assert.Equal(4, seen.OfType<Alert>().Count(a => a.Code == AlertCodes.HighSeverityEvicted));
    }

    [Fact]
    public async Task Every_lifecycle_step_is_announced_in_order()
    {
        await using var agent = new Agent(TestScents.Options(maxItems: 1));
        var seen = new ConcurrentQueue<TracehoundEvent>();
        using var listener = agent.Subscribe(seen.Enqueue);
        var first = agent.Intercept(TestScents.Threat("a", Severity.Low)).Signature;
        agent.Intercept(TestScents.Threat("a", Severity.Low));
        var second = agent.Intercept(TestScents.Threat("b", Severity.Low)).Signature;
        agent.Quarantine.TryNeutralize(second, out _);

        await listener.FlushAsync(TestContext.Current.CancellationToken);
        var lifecycle = seen.Where(e => e is not FailSafeLevelChanged).ToList();
        Assert.Equal(["quarantined", "ignored", "evicted", "quarantined", "neutralized"], lifecycle.Select(e => e.Kind).ToArray());
        Assert.Equal(first, ((DuplicateIgnored)lifecycle[1]).Signature);
    }

    [Fact]
    public async Task Rate_limited_requests_are_announced()
    {
        var options = TestScents.Options();
        options.RateLimit.MaxRequests = 1;
        await using var agent = new Agent(options);
        var seen = new ConcurrentQueue<TracehoundEvent>();
        using var listener = agent.Subscribe(seen.Enqueue);
        agent.Intercept(TestScents.Clean("9.9.9.9"));
        agent.Intercept(TestScents.Clean("9.9.9.9"));
        await listener.FlushAsync(TestContext.Current.CancellationToken);
        var limited = Assert.Single(seen.OfType<SourceRateLimited>());
        Assert.Equal("9.9.9.9", limited.Source);
    }
}
