using System.Collections.Concurrent;
using System.Globalization;

namespace Tracehound.Tests.Notifications;

public class LaneThreadTests
{
    // Field 19 of /proc/thread-self/stat is the thread's nice value; the command name before it is in parentheses.
    private static int CurrentThreadNice()
    {
        var stat = File.ReadAllText("/proc/thread-self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[16], CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task A_lane_runs_on_its_own_named_thread_below_the_callers_priority()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "thread priorities are lowered on Linux only");
        var callerNice = CurrentThreadNice();
        int? laneNice = null;
        string? laneName = null;
        var callerThread = Environment.CurrentManagedThreadId;
        var laneThread = callerThread;

        await LaneThread.Start("test-lane", () =>
        {
            laneNice = CurrentThreadNice();
            laneName = Thread.CurrentThread.Name;
            laneThread = Environment.CurrentManagedThreadId;
        }).WaitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(Math.Max(callerNice, LaneThread.LinuxNiceValue), laneNice);
        Assert.Equal("test-lane", laneName);
        Assert.NotEqual(callerThread, laneThread);
        Assert.Equal(callerNice, CurrentThreadNice());
    }

    [Fact]
    public async Task A_lane_asked_to_keep_its_priority_runs_at_the_callers()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "thread priorities are lowered on Linux only");
        var callerNice = CurrentThreadNice();
        int? laneNice = null;
        await LaneThread.Start("kept-priority-lane", () => laneNice = CurrentThreadNice(), lowerPriority: false)
            .WaitAsync(TestContext.Current.CancellationToken);
        Assert.Equal(callerNice, laneNice);
    }

    [Fact]
    public async Task What_a_lane_throws_faults_its_task()
    {
        var lane = LaneThread.Start("failing-lane", () => throw new InvalidOperationException("lane bug"));
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => lane.WaitAsync(TestContext.Current.CancellationToken));
        Assert.Equal("lane bug", error.Message);
    }

    [Fact]
    public async Task Subscribers_are_delivered_on_lane_priority_threads()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "thread priorities are lowered on Linux only");
        await using var agent = new Agent(TestScents.Options());
        var nices = new ConcurrentQueue<int>();
        using var subscription = agent.Subscribe(_ => nices.Enqueue(CurrentThreadNice()));
        agent.Intercept(TestScents.Threat("lane-priority"));
        await agent.Notifications.FlushAsync(TestContext.Current.CancellationToken);

        Assert.NotEmpty(nices);
        Assert.All(nices, nice => Assert.True(nice >= LaneThread.LinuxNiceValue, $"delivered at nice {nice}"));
    }
}
