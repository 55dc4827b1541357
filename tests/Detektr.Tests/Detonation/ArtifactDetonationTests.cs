using Detektr.Changes;
using Detektr.Detonation;
using Detektr.Events;
using Detektr.Tests.TestSupport;

namespace Detektr.Tests.Detonation;

public sealed class ArtifactDetonationTests : IDisposable
{
    private readonly TemporaryDirectory _store = new();

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task An_elf_artifact_runs_with_its_arguments()
    {
        var binary = Path.Combine(_store.Path, "tool");
        File.Copy("/bin/echo", binary);

        var run = await Sandboxes.RunAsync(_store, DetonationRequest.ForArtifact(binary, "from", "the sandbox"));

        Assert.Equal("from the sandbox\n", File.ReadAllText(Path.Combine(run.Directory, "stdout.txt")));
        Assert.Equal(("elf", "/tmp/tool"), (run.Manifest.Artifact!.Kind, run.Manifest.Artifact.SandboxPath));
        Assert.Equal("/tmp/tool from the sandbox", run.Of<ProcessCreationEvent>().First().CommandLine);
    }

    [Fact]
    public async Task A_python_script_without_shebang_runs_by_extension_and_its_self_deletion_is_a_change()
    {
        var script = _store.File("dropper.py", "import os\nos.remove(__file__)\nprint('gone')\n");

        var run = await Sandboxes.RunAsync(_store, DetonationRequest.ForArtifact(script));

        Assert.Equal(["/usr/bin/python3", "/tmp/dropper.py"], run.Manifest.Command);
        Assert.Equal("gone\n", File.ReadAllText(Path.Combine(run.Directory, "stdout.txt")));
        var change = Assert.Single(run.Changes);
        Assert.Equal(("/tmp/dropper.py", FileChangeKinds.Deleted), (change.Path, change.Change));
        Assert.Contains(run.Of<FileEvent>(), f => f is { Operation: FileOperation.Delete, TargetFilename: "/tmp/dropper.py" });
    }

    [Fact]
    public async Task A_missing_artifact_is_refused_before_anything_runs()
    {
        var error = await Assert.ThrowsAsync<InvalidDetonationException>(() =>
            Sandboxes.RunAsync(_store, DetonationRequest.ForArtifact(Path.Combine(_store.Path, "absent.sh"))));

        Assert.Equal(Detektr.Artifacts.ArtifactProblemKind.NotFound, error.Problem!.Kind);
        Assert.False(Directory.Exists(Path.Combine(_store.Path, "runs")) && Directory.EnumerateFileSystemEntries(Path.Combine(_store.Path, "runs")).Any());
    }
}
