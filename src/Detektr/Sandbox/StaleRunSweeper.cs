using System.Diagnostics;
using System.Globalization;

namespace Detektr.Sandbox;

/// <summary>Removes what runs of a Detektr process that died left behind: writable layers in /dev/shm
/// (their owner file names a process that no longer exists), empty run cgroups and sinkhole network
/// namespaces older than <see cref="StaleAfter"/>. Runs once per process, before its first run.</summary>
internal static class StaleRunSweeper
{
    /// <summary>Age after which an empty run cgroup or a run network namespace is considered abandoned.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(30);

    /// <summary>The root-owned 0700 directory in /dev/shm that holds the runs' writable layers.</summary>
    public const string SharedMemoryRoot = "/dev/shm/detektr";

    /// <summary>The file in a scratch directory naming the process that owns it.</summary>
    public const string OwnerFile = "owner";

    private static int _swept;

    /// <summary>Writes the owner file of a scratch directory.</summary>
    public static void ClaimScratch(string scratch) =>
        File.WriteAllText(Path.Join(scratch, OwnerFile), $"{Environment.ProcessId} {StartTime(Environment.ProcessId)}\n");

    /// <summary>Sweeps once per process.</summary>
    public static void SweepOnce(HostEnvironment host)
    {
        if (Interlocked.Exchange(ref _swept, 1) == 1)
        {
            return;
        }

        Sweep(host);
    }

    /// <summary>Sweeps now.</summary>
    internal static void Sweep(HostEnvironment host)
    {
        SweepScratch();
        SweepCgroups(host);
        SweepNamespaces(host);
    }

    private static void SweepScratch()
    {
        foreach (var directory in SafeDirectories(SharedMemoryRoot, "*"))
        {
            var owner = Path.Join(directory, OwnerFile);
            string[] fields;
            try
            {
                fields = File.ReadAllText(owner).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            if (fields.Length == 2 && int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) &&
                StartTime(pid) != fields[1])
            {
                try
                {
                    Directory.Delete(directory, recursive: true);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // Still mounted by a chain that is winding down; the next sweep gets it.
                }
            }
        }
    }

    private static void SweepCgroups(HostEnvironment host)
    {
        foreach (var controller in host.Cgroups.Controllers.Values)
        {
            foreach (var directory in SafeDirectories(controller.OwnDirectory, "detektr-*"))
            {
                if (DateTime.UtcNow - Directory.GetLastWriteTimeUtc(directory) > StaleAfter)
                {
                    try
                    {
                        // rmdir fails on a group that still has processes; only empty ones go.
                        Directory.Delete(directory);
                    }
                    catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                    {
                    }
                }
            }
        }
    }

    private static void SweepNamespaces(HostEnvironment host)
    {
        if (host.IpPath is null)
        {
            return;
        }

        foreach (var file in SafeFiles("/run/netns", "dk-*"))
        {
            if (DateTime.UtcNow - File.GetLastWriteTimeUtc(file) <= StaleAfter)
            {
                continue;
            }

            using var process = Process.Start(new ProcessStartInfo(host.IpPath)
            {
                ArgumentList = { "netns", "del", Path.GetFileName(file) },
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            process?.WaitForExit(5000);
        }
    }

    /// <summary>A process's start time in clock ticks since boot (field 22 of /proc/PID/stat), which tells a
    /// live owner from a recycled pid; empty when the process does not exist.</summary>
    private static string StartTime(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return fields.Length > 19 ? fields[19] : string.Empty;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }

    private static string[] SafeDirectories(string root, string pattern)
    {
        try
        {
            return Directory.Exists(root) ? Directory.GetDirectories(root, pattern) : [];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static string[] SafeFiles(string root, string pattern)
    {
        try
        {
            return Directory.Exists(root) ? Directory.GetFiles(root, pattern) : [];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
