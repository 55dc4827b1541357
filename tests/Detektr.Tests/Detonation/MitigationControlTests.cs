using Detektr.Detonation;
using Detektr.Events;
using Detektr.Tests.TestSupport;

namespace Detektr.Tests.Detonation;

public sealed class MitigationControlTests : IDisposable
{
    private readonly TemporaryDirectory _store = new();

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task Kernel_attack_surface_calls_are_refused_and_the_attempts_recorded()
    {
        var run = await Sandboxes.RunShellAsync(_store,
            "python3 -c 'import ctypes; l = ctypes.CDLL(None); print(l.syscall(250, 0, 0, 0), l.syscall(321, 0, 0, 0), l.syscall(101, 0, 0, 0))'; " +
            "unshare -U true; echo unshare=$?");

        Assert.Equal("-1 -1 -1\nunshare=1\n", File.ReadAllText(Path.Combine(run.Directory, "stdout.txt")));
        Assert.Equal(["keyctl", "bpf", "ptrace"], run.Manifest.BlockedSyscalls.Select(b => b.Syscall));
        Assert.All(run.Manifest.BlockedSyscalls, b => Assert.Equal("/usr/bin/python3", b.Image));
    }

    [Fact]
    public async Task A_denied_connect_prevents_the_connection_and_still_records_the_attempt()
    {
        var run = await Sandboxes.RunShellAsync(_store,
            "python3 -c 'import socket; print(socket.socket().connect_ex((\"198.51.100.7\", 443)))'",
            r => r with { DeniedSyscalls = ["connect"], Network = Detektr.Network.NetworkMode.Sinkhole });

        Assert.Equal("1\n", File.ReadAllText(Path.Combine(run.Directory, "stdout.txt")));
        var attempt = Assert.Single(run.Of<NetworkConnectionEvent>());
        Assert.Equal(("198.51.100.7", 443L, "EPERM"), (attempt.DestinationIp, attempt.DestinationPort, attempt.Outcome));
        Assert.Empty(run.Network);
        Assert.Equal(["connect"], run.Manifest.Sandbox.Seccomp.AdditionalDenied);
    }

    [Fact]
    public async Task A_read_only_path_refuses_writes_and_the_refusal_is_an_event()
    {
        var run = await Sandboxes.RunShellAsync(_store, "echo x > /etc/cron.d/job; echo $?",
            r => r with { ReadOnlyPaths = ["/etc"] });

        var attempt = Assert.Single(run.Of<FileEvent>());
        Assert.Equal(("/etc/cron.d/job", FileOperation.Create, "EROFS"), (attempt.TargetFilename, attempt.Operation, attempt.Outcome));
        Assert.Empty(run.Changes);
        Assert.Empty(run.Manifest.Persistence);
    }

    [Fact]
    public async Task Environment_variables_reach_the_artifact_and_the_manifest()
    {
        var run = await Sandboxes.RunShellAsync(_store, "echo \"$FEATURE_FLAG:$HOME:$PATH\"",
            r => r with { Environment = new Dictionary<string, string> { ["FEATURE_FLAG"] = "off" } });

        Assert.Equal("off:/root:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\n", File.ReadAllText(Path.Combine(run.Directory, "stdout.txt")));
        Assert.Equal("off", run.Manifest.Sandbox.Environment["FEATURE_FLAG"]);
    }
}
