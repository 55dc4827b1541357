using Detektr.Detonation;
using Detektr.Events;
using Detektr.Limits;
using Detektr.Tests.TestSupport;

namespace Detektr.Tests.Detonation;

public sealed class LimitTests : IDisposable
{
    private readonly TemporaryDirectory _store = new();

    public void Dispose() => _store.Dispose();

    private static void AssertNothingLeft(RunResult run)
    {
        var leftovers = Directory.GetDirectories("/sys/fs/cgroup/pids", "detektr-" + run.RunId.Value, SearchOption.AllDirectories);
        Assert.Empty(leftovers);
    }

    [Fact]
    public async Task A_sleep_forever_script_is_killed_at_the_deadline_with_its_background_children()
    {
        var run = await Sandboxes.RunShellAsync(_store, "sleep 1000 & while :; do sleep 1000; done",
            r => r with { Limits = new RunLimits { WallTime = TimeSpan.FromSeconds(1.5) } });

        Assert.Equal(TerminationReason.Timeout, run.Reason);
        Assert.Equal("timeout", run.Manifest.Termination.Reason);
        Assert.Null(run.ExitCode);
        Assert.Equal("SIGKILL", run.Manifest.Termination.Signal);
        Assert.InRange(run.Manifest.SandboxMilliseconds, 1500, 15000);
        Assert.Equal(2, run.Of<ProcessCreationEvent>().Count(p => p.Image == "/usr/bin/sleep"));
        Assert.All(run.Of<ProcessExitEvent>(), e => Assert.Equal("SIGKILL", e.Signal));
        AssertNothingLeft(run);
    }

    [Fact]
    public async Task A_memory_hog_is_killed_at_the_memory_limit()
    {
        var run = await Sandboxes.RunShellAsync(_store,
            "python3 -c 'x = []\nwhile True: x.append(bytearray(8 << 20))'",
            r => r with { Limits = new RunLimits { MemoryBytes = 48L << 20, WallTime = TimeSpan.FromSeconds(20) } });

        Assert.Equal(TerminationReason.MemoryLimit, run.Reason);
        Assert.True(run.Manifest.Resources.OomKills >= 1);
        Assert.InRange(run.Manifest.Resources.PeakMemoryBytes!.Value, 16L << 20, 48L << 20);
        AssertNothingLeft(run);
    }

    [Fact]
    public async Task A_fork_bomb_is_stopped_at_the_process_limit()
    {
        var run = await Sandboxes.RunAsync(_store, DetonationRequest.ForCommand("/bin/bash", "-c", ":(){ :|:& };:") with
        {
            Limits = new RunLimits { Processes = 48, WallTime = TimeSpan.FromSeconds(20) },
        });

        Assert.Equal(TerminationReason.ProcessLimit, run.Reason);
        Assert.True(run.Manifest.Resources.ProcessLimitHits >= 1);
        Assert.InRange(run.Manifest.SandboxMilliseconds, 0, 15000);
        AssertNothingLeft(run);
    }

    [Fact]
    public async Task A_background_daemon_keeps_the_run_going_unless_the_run_exits_with_the_artifact()
    {
        const string script = "(sleep 0.7; echo late > /tmp/daemon.txt) & echo started";

        var waiting = await Sandboxes.RunShellAsync(_store, script);
        var eager = await Sandboxes.RunShellAsync(_store, script, r => r with { ExitWithArtifact = true });

        Assert.Contains(waiting.Changes, c => c.Path == "/tmp/daemon.txt");
        Assert.Equal(TerminationReason.Exited, waiting.Reason);
        Assert.DoesNotContain(eager.Changes, c => c.Path == "/tmp/daemon.txt");
        Assert.Equal(0, eager.ExitCode);
    }
}
