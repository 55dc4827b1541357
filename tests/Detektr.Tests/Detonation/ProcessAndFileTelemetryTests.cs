using Detektr.Changes;
using Detektr.Detonation;
using Detektr.Events;
using Detektr.Runs;
using Detektr.Tests.TestSupport;

namespace Detektr.Tests.Detonation;

/// <summary>One real detonation of a script with known behaviour: a child chain, and a file written,
/// renamed, chmod-ed, chown-ed, deleted, plus one left behind.</summary>
public sealed class ProcessAndFileRun : IAsyncLifetime
{
    public const string Script = """
        #!/bin/sh
        cd /tmp
        echo one > a.txt
        mv a.txt b.txt
        chmod 600 b.txt
        chown 1:1 b.txt
        sh -c 'sh -c "echo nested > /tmp/kept.txt"'
        rm b.txt
        echo done
        exit 3
        """;

    public TemporaryDirectory Store { get; } = new();

    public RunResult Run { get; private set; } = null!;

    public async ValueTask InitializeAsync() =>
        Run = await Sandboxes.RunAsync(Store, DetonationRequest.ForArtifact(Store.Script("chain.sh", Script)));

    public ValueTask DisposeAsync()
    {
        Store.Dispose();
        return ValueTask.CompletedTask;
    }
}

public sealed class ProcessAndFileTelemetryTests(ProcessAndFileRun fixture) : IClassFixture<ProcessAndFileRun>
{
    private readonly RunResult _run = fixture.Run;

    [Fact]
    public void The_child_chain_appears_with_parent_links_inside_the_sandbox()
    {
        var processes = _run.Of<ProcessCreationEvent>().Select(p => (p.ProcessId, p.ParentProcessId, p.Image, p.CommandLine)).ToList();

        Assert.Equal(
        [
            (2L, (long?)1L, "/bin/sh", "/bin/sh /tmp/chain.sh"),
            (3L, 2L, "/usr/bin/mv", "mv a.txt b.txt"),
            (4L, 2L, "/usr/bin/chmod", "chmod 600 b.txt"),
            (5L, 2L, "/usr/bin/chown", "chown 1:1 b.txt"),
            (6L, 2L, "/usr/bin/sh", "sh -c sh -c \"echo nested > /tmp/kept.txt\""),
            (7L, 6L, "/usr/bin/sh", "sh -c echo nested > /tmp/kept.txt"),
            (8L, 2L, "/usr/bin/rm", "rm b.txt"),
        ], processes);
        Assert.All(_run.Of<ProcessCreationEvent>(), p => Assert.Equal(("/tmp", "root"), (p.CurrentDirectory, p.User)));
    }

    [Fact]
    public void The_file_operations_are_exactly_the_ones_the_script_performs()
    {
        var files = _run.Of<FileEvent>()
            .Select(f => (FileEvent.OperationName(f.Operation), f.TargetFilename, f.SourceFilename, f.ProcessId, f.Outcome))
            .ToList();

        Assert.Equal(
        [
            ("create", "/tmp/a.txt", (string?)null, 2L, "success"),
            ("rename", "/tmp/b.txt", "/tmp/a.txt", 3L, "success"),
            ("chmod", "/tmp/b.txt", null, 4L, "success"),
            ("chown", "/tmp/b.txt", null, 5L, "success"),
            ("create", "/tmp/kept.txt", null, 7L, "success"),
            ("delete", "/tmp/b.txt", null, 8L, "success"),
        ], files);
        Assert.Equal("0600", _run.Of<FileEvent>().Single(f => f.Operation == FileOperation.Chmod).Mode);
        Assert.Equal("1:1", _run.Of<FileEvent>().Single(f => f.Operation == FileOperation.Chown).Owner);
    }

    [Fact]
    public void Every_process_exit_is_recorded_with_its_status()
    {
        var exits = _run.Of<ProcessExitEvent>().ToDictionary(e => e.ProcessId);

        Assert.Equal(7, exits.Count);
        Assert.Equal(3, exits[2].ExitCode);
        Assert.All(exits.Values.Where(e => e.ProcessId != 2), e => Assert.Equal(0, e.ExitCode));
        Assert.Equal(3, _run.ExitCode);
        Assert.Equal(TerminationReason.Exited, _run.Reason);
    }

    [Fact]
    public void The_layer_diff_keeps_what_stayed_and_the_artifact_seed_is_not_a_change()
    {
        var change = Assert.Single(_run.Changes);

        Assert.Equal(("/tmp/kept.txt", FileChangeKinds.Created, "file", 7L, "text"), (change.Path, change.Change, change.Type, change.Size, change.ContentType));
        Assert.Equal(Sha256Hash.Of("nested\n"u8).ToString(), change.Sha256);
        Assert.Equal("nested\n", File.ReadAllText(Path.Combine(_run.Directory, change.Copy!)));
    }

    [Fact]
    public void The_run_directory_holds_manifest_events_changes_network_and_output()
    {
        var manifest = ManifestJson.Read(_run.Directory);
        var events = EventsReader.ReadAll(_run.Directory);

        Assert.Equal(_run.RunId.Value, manifest.RunId);
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Sequence.Value));
        Assert.All(events, e => Assert.Equal(_run.RunId, e.RunId));
        Assert.True(events.Zip(events.Skip(1)).All(p => p.First.UtcTime <= p.Second.UtcTime));
        Assert.Equal(events.Count, manifest.Counts.Events);
        Assert.Equal(7, manifest.Counts.ProcessesCreated);
        Assert.Single(ChangesLog.ReadAll(_run.Directory));
        Assert.Empty(File.ReadAllText(Path.Combine(_run.Directory, "network.jsonl")));
        Assert.Equal("done\n", File.ReadAllText(Path.Combine(_run.Directory, "stdout.txt")));
        Assert.Equal(("shell", "/tmp/chain.sh"), (manifest.Artifact!.Kind, manifest.Artifact.SandboxPath));
        Assert.Equal(Sha256Hash.Of(System.Text.Encoding.UTF8.GetBytes(ProcessAndFileRun.Script)).ToString(), manifest.Artifact.Sha256);
        Assert.True(File.Exists(Path.Combine(_run.Directory, "trace.strace")));
        Assert.False(Directory.Exists(Path.Combine(_run.Directory, ".sandbox")), "the scratch layer is removed");
    }

    [Fact]
    public void The_manifest_says_how_the_sandbox_was_built_and_what_was_enforced()
    {
        var manifest = _run.Manifest;

        Assert.Equal(["user", "pid", "mount", "net", "ipc", "uts", "cgroup"], manifest.Sandbox.Namespaces);
        Assert.Equal("none", manifest.Sandbox.Network);
        Assert.Contains("bpf", manifest.Sandbox.Seccomp.Denied);
        Assert.Equal("strace", manifest.Sensor.Name);
        Assert.False(string.IsNullOrEmpty(manifest.Sensor.Version));
        Assert.False(string.IsNullOrEmpty(manifest.Host.Kernel));
        Assert.Equal(["wall_time", "memory", "processes", "cpu"], manifest.Limits.Select(l => l.Limit));
        Assert.All(manifest.Limits, l => Assert.True(l.Enforced, $"{l.Limit}: {l.Mechanism}"));
        Assert.True(manifest.EndedUtc >= manifest.StartedUtc);
    }
}
