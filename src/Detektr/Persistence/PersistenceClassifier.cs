using Detektr.Changes;
using Detektr.Events;

namespace Detektr.Persistence;

/// <summary>Classifies the run's layer diff into persistence techniques by path: cron and at spools,
/// systemd unit directories, shell rc files, authorized_keys, the dynamic linker's preload list,
/// passwd/shadow (new accounts are named), rc scripts, XDG autostart and sudoers. Only what the run
/// left behind counts; a file written and removed again did not persist.</summary>
public static class PersistenceClassifier
{
    private static readonly string[] SystemdUnitDirectories =
    [
        "/etc/systemd/system/", "/etc/systemd/user/", "/lib/systemd/system/", "/lib/systemd/user/",
        "/usr/lib/systemd/system/", "/usr/lib/systemd/user/", "/usr/local/lib/systemd/system/",
        "/usr/local/lib/systemd/user/", "/run/systemd/system/", "/run/systemd/user/",
    ];

    private static readonly string[] HomeSystemdDirectories = [".config/systemd/user/", ".local/share/systemd/user/"];

    private static readonly string[] ShellFiles =
    [
        ".bashrc", ".bash_profile", ".bash_login", ".bash_logout", ".profile",
        ".zshrc", ".zshenv", ".zprofile", ".zlogin", ".zlogout", ".kshrc", ".cshrc", ".tcshrc", ".config/fish/config.fish",
    ];

    private static readonly string[] SystemShellFiles =
        ["/etc/profile", "/etc/bash.bashrc", "/etc/bashrc", "/etc/zshrc", "/etc/zprofile", "/etc/zshenv", "/etc/csh.cshrc", "/etc/csh.login"];

    /// <summary>Classifies <paramref name="changes"/>. <paramref name="readOriginal"/> returns the content a
    /// path had before the run (the host file), for comparing account lists; <paramref name="readCurrent"/>
    /// returns the content the run left. <paramref name="events"/> attaches the matching file events.</summary>
    public static IReadOnlyList<PersistenceFinding> Classify(IEnumerable<FileChange> changes,
        Func<string, string?> readOriginal, Func<string, string?> readCurrent, IEnumerable<DetektrEvent> events)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(readOriginal);
        ArgumentNullException.ThrowIfNull(readCurrent);
        ArgumentNullException.ThrowIfNull(events);
        var fileEvents = events.OfType<FileEvent>().ToList();
        var findings = new List<PersistenceFinding>();
        foreach (var change in changes)
        {
            if (change.Change == FileChangeKinds.Deleted || change.Type == "directory")
            {
                continue;
            }

            var (technique, detail) = ClassifyPath(change.Path, readOriginal, readCurrent);
            if (technique is null)
            {
                continue;
            }

            findings.Add(new PersistenceFinding
            {
                Technique = technique.Id,
                Name = technique.Name,
                Path = change.Path,
                Change = change.Change,
                Sha256 = change.Sha256,
                Detail = detail,
                EventSequences = fileEvents
                    .Where(e => e.TargetFilename == change.Path || e.SourceFilename == change.Path)
                    .Select(e => e.Sequence.Value).ToList(),
            });
        }

        return findings;
    }

    /// <summary>The technique a changed path indicates, or null. Exposed for tests and for callers
    /// that classify paths from file events.</summary>
    public static AttackTechnique? TechniqueOf(string path) => ClassifyPath(path, _ => null, _ => null).Technique;

    private static (AttackTechnique? Technique, string? Detail) ClassifyPath(string path,
        Func<string, string?> readOriginal, Func<string, string?> readCurrent)
    {
        if (path is "/etc/passwd" or "/etc/shadow")
        {
            var added = NewAccounts(readOriginal(path), readCurrent(path));
            return added.Count > 0
                ? (AttackTechnique.LocalAccount, "new account(s): " + string.Join(", ", added))
                : (AttackTechnique.AccountManipulation, "existing account entries changed");
        }

        if (path is "/etc/crontab" or "/etc/anacrontab" || Under(path, "/etc/cron.d/") ||
            Under(path, "/etc/cron.hourly/") || Under(path, "/etc/cron.daily/") || Under(path, "/etc/cron.weekly/") ||
            Under(path, "/etc/cron.monthly/") || Under(path, "/var/spool/cron/crontabs/") ||
            (Under(path, "/var/spool/cron/") && !Under(path, "/var/spool/cron/atjobs/") && !Under(path, "/var/spool/cron/atspool/")))
        {
            return (AttackTechnique.Cron, null);
        }

        if (Under(path, "/var/spool/cron/atjobs/") || Under(path, "/var/spool/cron/atspool/") || Under(path, "/var/spool/at/"))
        {
            return (AttackTechnique.At, null);
        }

        var home = HomeRelative(path);
        var unitFile = SystemdUnitDirectories.Any(d => Under(path, d)) ||
                       (home is not null && HomeSystemdDirectories.Any(d => home.StartsWith(d, StringComparison.Ordinal)));
        if (unitFile)
        {
            return (path.EndsWith(".timer", StringComparison.Ordinal) ? AttackTechnique.SystemdTimer : AttackTechnique.SystemdService, null);
        }

        if ((home is not null && ShellFiles.Contains(home)) || SystemShellFiles.Contains(path) ||
            Under(path, "/etc/profile.d/") || Under(path, "/etc/zsh/"))
        {
            return (AttackTechnique.ShellConfiguration, null);
        }

        if (home is ".ssh/authorized_keys" or ".ssh/authorized_keys2" || Under(path, "/etc/ssh/authorized_keys/"))
        {
            return (AttackTechnique.SshAuthorizedKeys, null);
        }

        if (path is "/etc/ld.so.preload" or "/etc/ld.so.conf" || Under(path, "/etc/ld.so.conf.d/"))
        {
            return (AttackTechnique.DynamicLinkerHijacking, null);
        }

        if (path is "/etc/rc.local" or "/etc/rc.d/rc.local" || Under(path, "/etc/init.d/") ||
            (path.StartsWith("/etc/rc", StringComparison.Ordinal) && path.Length > 8 && path[8..].StartsWith(".d/", StringComparison.Ordinal)))
        {
            return (AttackTechnique.RcScripts, null);
        }

        if ((home is not null && home.StartsWith(".config/autostart/", StringComparison.Ordinal)) || Under(path, "/etc/xdg/autostart/"))
        {
            return (AttackTechnique.XdgAutostart, null);
        }

        if (path is "/etc/sudoers" || Under(path, "/etc/sudoers.d/"))
        {
            return (AttackTechnique.Sudoers, null);
        }

        return (null, null);
    }

    private static bool Under(string path, string directory) =>
        path.StartsWith(directory, StringComparison.Ordinal) && path.Length > directory.Length;

    /// <summary>The part of <paramref name="path"/> inside a home directory (/root or /home/USER), or null.</summary>
    private static string? HomeRelative(string path)
    {
        if (path.StartsWith("/root/", StringComparison.Ordinal))
        {
            return path["/root/".Length..];
        }

        if (path.StartsWith("/home/", StringComparison.Ordinal))
        {
            var slash = path.IndexOf('/', "/home/".Length);
            return slash < 0 ? null : path[(slash + 1)..];
        }

        return null;
    }

    private static List<string> NewAccounts(string? before, string? after)
    {
        static HashSet<string> Names(string? text) =>
            (text ?? string.Empty).Split('\n')
                .Select(l => l.Trim())
                .Where(l => l.Length > 0 && !l.StartsWith('#') && l.Contains(':', StringComparison.Ordinal))
                .Select(l => l[..l.IndexOf(':', StringComparison.Ordinal)])
                .ToHashSet(StringComparer.Ordinal);

        var old = Names(before);
        return Names(after).Where(n => !old.Contains(n)).Order(StringComparer.Ordinal).ToList();
    }
}
