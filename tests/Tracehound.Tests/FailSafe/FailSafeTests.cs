using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace Tracehound.Tests.FailSafe;

public class FailSafeTests
{
    [Fact]
    public async Task Levels_rise_at_70_85_and_95_percent_of_capacity_with_one_callback_each()
    {
        var changes = new ConcurrentQueue<FailSafeLevelChanged>();
        var options = TestScents.Options(maxItems: 100, maxBytes: 1 << 20);
        options.FailSafe.OnLevelChanged = changes.Enqueue;
        await using var agent = new Agent(options);

        for (var i = 0; i < 100; i++)
        {
            agent.Intercept(TestScents.Threat($"p{i}"));
            var expected = (i + 1) >= 95 ? FailSafeLevel.Emergency : (i + 1) >= 85 ? FailSafeLevel.Critical : (i + 1) >= 70 ? FailSafeLevel.Warning : FailSafeLevel.Normal;
            Assert.Equal(expected, agent.FailSafeLevel);
        }

        await agent.Notifications.FlushAsync(TestContext.Current.CancellationToken);
        Assert.Equal([FailSafeLevel.Warning, FailSafeLevel.Critical, FailSafeLevel.Emergency], changes.Select(c => c.Current).ToArray());
    }

    [Fact]
    public async Task The_memory_budget_counts_like_capacity()
    {
        await using var agent = new Agent(TestScents.Options(maxItems: 1000, maxBytes: 1000));
        agent.Intercept(TestScents.Threat(new byte[860]));
        Assert.Equal(FailSafeLevel.Critical, agent.FailSafeLevel);
    }

    [Fact]
    public async Task The_level_falls_back_when_the_quarantine_drains()
    {
        var time = new FakeTimeProvider();
        var changes = new ConcurrentQueue<FailSafeLevelChanged>();
        var options = TestScents.Options(maxItems: 10);
        options.FailSafe.OnLevelChanged = changes.Enqueue;
        await using var agent = new Agent(options, time);
        for (var i = 0; i < 10; i++)
        {
            agent.Intercept(TestScents.Threat($"p{i}"));
        }

        Assert.Equal(FailSafeLevel.Emergency, agent.FailSafeLevel);
        agent.Quarantine.Flush();
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(FailSafeLevel.Normal, agent.FailSafeLevel);
        await agent.Notifications.FlushAsync(TestContext.Current.CancellationToken);
        Assert.Equal(FailSafeLevel.Normal, changes.Last().Current);
    }

    [Fact]
    public async Task The_error_rate_raises_the_level_and_it_decays_after_a_minute()
    {
        var time = new FakeTimeProvider();
        var options = TestScents.Options();
        await using var agent = new Agent(options, time);
        for (var i = 0; i < 50; i++)
        {
            agent.Intercept(null!);
        }

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(FailSafeLevel.Critical, agent.FailSafeLevel);
        for (var i = 0; i < 50; i++)
        {
            agent.Intercept(null!);
        }

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(FailSafeLevel.Emergency, agent.FailSafeLevel);
        Assert.Equal(100, agent.Snapshot().ErrorsLastMinute);
        time.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(FailSafeLevel.Normal, agent.FailSafeLevel);
    }

    [Fact]
    public async Task A_throwing_callback_cannot_reach_the_intercept()
    {
        var options = TestScents.Options(maxItems: 2);
        options.FailSafe.OnLevelChanged = _ => throw new InvalidOperationException("callback bug");
        await using var agent = new Agent(options);
        Assert.Equal(InterceptStatus.Quarantined, agent.Intercept(TestScents.Threat("a")).Status);
        Assert.Equal(InterceptStatus.Quarantined, agent.Intercept(TestScents.Threat("b")).Status);
        Assert.Equal(FailSafeLevel.Emergency, agent.FailSafeLevel);
        await agent.Notifications.FlushAsync(TestContext.Current.CancellationToken);
        Assert.Equal(0, agent.Counts.Error);
    }
}
