using System.Threading.RateLimiting;
using FsCheck;
using FsCheck.Xunit;
using Microsoft.Extensions.Time.Testing;

namespace Tracehound.Tests.RateLimiting;

public class SourceRateLimiterTests
{
    private static SourceRateLimiter Limiter(FakeTimeProvider time, int max = 3, int windowSeconds = 10, int blockSeconds = 60, int maxSources = 1000) =>
        new(new SourceRateLimiterOptions
        {
            MaxRequests = max,
            Window = TimeSpan.FromSeconds(windowSeconds),
            BlockDuration = TimeSpan.FromSeconds(blockSeconds),
            MaxTrackedSources = maxSources,
        }, time);

    [Fact]
    public void Allows_max_requests_per_window_then_blocks_for_the_block_duration()
    {
        var time = new FakeTimeProvider();
        using var limiter = Limiter(time);
        for (var i = 0; i < 3; i++)
        {
            Assert.True(limiter.TryAcquire("a", out _));
        }

        Assert.False(limiter.TryAcquire("a", out var retry));
        Assert.Equal(TimeSpan.FromSeconds(60), retry);
        time.Advance(TimeSpan.FromSeconds(20));
        Assert.False(limiter.TryAcquire("a", out retry));
        Assert.Equal(TimeSpan.FromSeconds(40), retry);
        time.Advance(TimeSpan.FromSeconds(40));
        Assert.True(limiter.TryAcquire("a", out _));
        Assert.Equal(1, limiter.Blocks);
        Assert.Equal(2, limiter.RejectedRequests);
    }

    [Fact]
    public void A_new_window_resets_the_count()
    {
        var time = new FakeTimeProvider();
        using var limiter = Limiter(time);
        for (var round = 0; round < 5; round++)
        {
            for (var i = 0; i < 3; i++)
            {
                Assert.True(limiter.TryAcquire("a", out _));
            }

            time.Advance(TimeSpan.FromSeconds(10));
        }
    }

    [Fact]
    public void Without_a_block_the_source_waits_for_the_window_to_roll_over()
    {
        var time = new FakeTimeProvider();
        using var limiter = Limiter(time, blockSeconds: 0);
        for (var i = 0; i < 3; i++)
        {
            limiter.TryAcquire("a", out _);
        }

        time.Advance(TimeSpan.FromSeconds(4));
        Assert.False(limiter.TryAcquire("a", out var retry));
        Assert.Equal(TimeSpan.FromSeconds(6), retry);
    }

    [Fact]
    public void Sources_are_limited_independently()
    {
        var time = new FakeTimeProvider();
        using var limiter = Limiter(time, max: 1);
        Assert.True(limiter.TryAcquire("a", out _));
        Assert.False(limiter.TryAcquire("a", out _));
        Assert.True(limiter.TryAcquire("b", out _));
    }

    [Fact]
    public void Memory_stays_bounded_under_a_flood_of_distinct_sources()
    {
        var time = new FakeTimeProvider();
        using var limiter = Limiter(time, maxSources: 100);
        for (var i = 0; i < 10_000; i++)
        {
            // Past the cap new sources are let through untracked: the limiter fails open, not closed.
            Assert.True(limiter.TryAcquire($"10.0.{i / 256}.{i % 256}", out _));
        }

        Assert.Equal(100, limiter.TrackedSources);
        Assert.Equal(9_900, limiter.UntrackedRequests);

        time.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(100, limiter.PruneStale());
        Assert.Equal(0, limiter.TrackedSources);
        Assert.True(limiter.TryAcquire("fresh", out _));
        Assert.Equal(1, limiter.TrackedSources);
    }

    [Fact]
    public void Blocked_sources_are_not_pruned_until_the_block_ends()
    {
        var time = new FakeTimeProvider();
        using var limiter = Limiter(time, max: 1, windowSeconds: 1, blockSeconds: 600);
        limiter.TryAcquire("a", out _);
        limiter.TryAcquire("a", out _);
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(0, limiter.PruneStale());
        Assert.Equal(1, limiter.BlockedSources);
        Assert.False(limiter.TryAcquire("a", out _));
    }

    [Fact]
    public void Leases_follow_the_bcl_contract()
    {
        var time = new FakeTimeProvider();
        using var limiter = Limiter(time, max: 1);
        using (var lease = limiter.AttemptAcquire("a"))
        {
            Assert.True(lease.IsAcquired);
            Assert.False(lease.TryGetMetadata(MetadataName.RetryAfter, out _));
        }

        using var rejected = limiter.AttemptAcquire("a");
        Assert.False(rejected.IsAcquired);
        Assert.True(rejected.TryGetMetadata(MetadataName.RetryAfter, out var retry));
        Assert.Equal(TimeSpan.FromSeconds(60), retry);
        Assert.Contains(MetadataName.RetryAfter.Name, rejected.MetadataNames);
    }

    [Property(MaxTest = 200)]
    public void Over_any_schedule_no_window_admits_more_than_the_maximum(PositiveInt max, NonNegativeInt[] gapsMs)
    {
        var time = new FakeTimeProvider();
        var limit = 1 + (max.Get % 10);
        using var limiter = Limiter(time, max: limit, windowSeconds: 1, blockSeconds: 0);
        DateTimeOffset? windowStart = null;
        var admittedInWindow = 0;
        foreach (var gap in gapsMs)
        {
            time.Advance(TimeSpan.FromMilliseconds(gap.Get % 700));
            if (windowStart is null || time.GetUtcNow() - windowStart >= TimeSpan.FromSeconds(1))
            {
                // The reference: a window opens at the first request after the previous one closed.
                windowStart = time.GetUtcNow();
                admittedInWindow = 0;
            }

            var admitted = limiter.TryAcquire("s", out var retry);
            Assert.Equal(admittedInWindow < limit, admitted);
            if (admitted)
            {
                admittedInWindow++;
            }
            else
            {
                Assert.Equal(TimeSpan.FromSeconds(1) - (time.GetUtcNow() - windowStart.Value), retry);
            }
        }
    }

    [Fact]
    public void Invalid_options_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new SourceRateLimiter(new SourceRateLimiterOptions { Window = TimeSpan.Zero, MaxTrackedSources = 0 }));
        Assert.Contains("Window", error.Message, StringComparison.Ordinal);
        Assert.Contains("MaxTrackedSources", error.Message, StringComparison.Ordinal);
    }
}
