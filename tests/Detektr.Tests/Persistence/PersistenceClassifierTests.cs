using Detektr.Changes;
using Detektr.Persistence;

namespace Detektr.Tests.Persistence;

public sealed class PersistenceClassifierTests
{
    [Theory]
    [InlineData("/etc/cron.d/update", "T1053.003")]
    [InlineData("/etc/crontab", "T1053.003")]
    [InlineData("/var/spool/cron/crontabs/root", "T1053.003")]
    [InlineData("/etc/cron.daily/logrotate2", "T1053.003")]
    [InlineData("/var/spool/cron/atjobs/a0001", "T1053.002")]
    [InlineData("/etc/systemd/system/backdoor.service", "T1543.002")]
    [InlineData("/root/.config/systemd/user/agent.service", "T1543.002")]
    [InlineData("/etc/systemd/system/beacon.timer", "T1053.006")]
    [InlineData("/root/.bashrc", "T1546.004")]
    [InlineData("/home/alice/.profile", "T1546.004")]
    [InlineData("/etc/profile.d/zz.sh", "T1546.004")]
    [InlineData("/root/.ssh/authorized_keys", "T1098.004")]
    [InlineData("/home/bob/.ssh/authorized_keys2", "T1098.004")]
    [InlineData("/etc/ld.so.preload", "T1574.006")]
    [InlineData("/etc/ld.so.conf.d/evil.conf", "T1574.006")]
    [InlineData("/etc/rc.local", "T1037.004")]
    [InlineData("/etc/init.d/backdoor", "T1037.004")]
    [InlineData("/etc/rc2.d/S99backdoor", "T1037.004")]
    [InlineData("/root/.config/autostart/x.desktop", "T1547.013")]
    [InlineData("/etc/xdg/autostart/x.desktop", "T1547.013")]
    [InlineData("/etc/sudoers.d/nopasswd", "T1548.003")]
    public void Persistence_locations_map_to_their_techniques(string path, string technique) =>
        Assert.Equal(technique, PersistenceClassifier.TechniqueOf(path)?.Id);

    [Theory]
    [InlineData("/tmp/x")]
    [InlineData("/root/notes.txt")]
    [InlineData("/etc/hostname")]
    [InlineData("/etc/cron.d")]
    [InlineData("/home/alice")]
    public void Other_paths_are_not_persistence(string path) => Assert.Null(PersistenceClassifier.TechniqueOf(path));

    [Fact]
    public void A_new_passwd_line_names_the_new_account()
    {
        var change = new FileChange { Path = "/etc/passwd", Change = FileChangeKinds.Modified, Type = "file", Sha256 = "ab" };

        var finding = Assert.Single(PersistenceClassifier.Classify([change],
            _ => "root:x:0:0::/root:/bin/sh\n",
            _ => "root:x:0:0::/root:/bin/sh\nbackdoor:x:0:0::/:/bin/sh\n",
            []));

        Assert.Equal(("T1136.001", "new account(s): backdoor"), (finding.Technique, finding.Detail));
    }

    [Fact]
    public void A_changed_passwd_without_new_accounts_is_account_manipulation()
    {
        var change = new FileChange { Path = "/etc/shadow", Change = FileChangeKinds.Modified, Type = "file" };

        var finding = Assert.Single(PersistenceClassifier.Classify([change], _ => "root:old:1::::::\n", _ => "root:new:1::::::\n", []));

        Assert.Equal("T1098", finding.Technique);
    }

    [Fact]
    public void Deleted_files_and_directories_did_not_persist()
    {
        FileChange[] changes =
        [
            new() { Path = "/etc/cron.d/x", Change = FileChangeKinds.Deleted, Type = "file" },
            new() { Path = "/root/.ssh/authorized_keys", Change = FileChangeKinds.Created, Type = "directory" },
        ];

        Assert.Empty(PersistenceClassifier.Classify(changes, _ => null, _ => null, []));
    }
}
