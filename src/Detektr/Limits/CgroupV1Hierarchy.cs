namespace Detektr.Limits;

/// <summary>The cgroup v1 controllers mounted on the machine (from /proc/self/mounts) and this process's
/// place in each (from /proc/self/cgroup).</summary>
public sealed class CgroupV1Hierarchy
{
    /// <summary>Controllers Detektr uses, when mounted: one per limit. (Joining a v1 hierarchy costs a
    /// few milliseconds of RCU grace period each, so accounting-only controllers are left out; killing
    /// relies on the PID namespace.)</summary>
    public static readonly IReadOnlyList<string> UsefulControllers = ["memory", "pids", "cpu"];

    private readonly Dictionary<string, CgroupController> _controllers;

    private CgroupV1Hierarchy(Dictionary<string, CgroupController> controllers) => _controllers = controllers;

    /// <summary>The controllers found, by name.</summary>
    public IReadOnlyDictionary<string, CgroupController> Controllers => _controllers;

    /// <summary>The controller named <paramref name="name"/>, or null when it is not mounted (or only
    /// cgroup v2 is present, which this version does not drive).</summary>
    public CgroupController? this[string name] => _controllers.GetValueOrDefault(name);

    /// <summary>Reads the mount table and this process's cgroup membership.</summary>
    public static CgroupV1Hierarchy Discover() => Parse(SafeRead("/proc/self/mounts"), SafeRead("/proc/self/cgroup"));

    /// <summary>Builds the hierarchy from the text of /proc/self/mounts and /proc/self/cgroup.</summary>
    public static CgroupV1Hierarchy Parse(string mounts, string membership)
    {
        ArgumentNullException.ThrowIfNull(mounts);
        ArgumentNullException.ThrowIfNull(membership);
        var ownPaths = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in membership.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split(':', 3);
            if (parts.Length != 3 || parts[1].Length == 0)
            {
                continue;
            }

            foreach (var name in parts[1].Split(','))
            {
                ownPaths[name] = parts[2];
            }
        }

        var controllers = new Dictionary<string, CgroupController>(StringComparer.Ordinal);
        foreach (var line in mounts.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split(' ');
            if (fields.Length < 4 || fields[2] != "cgroup")
            {
                continue;
            }

            var mountPoint = fields[1].Replace("\\040", " ", StringComparison.Ordinal);
            foreach (var option in fields[3].Split(','))
            {
                if (UsefulControllers.Contains(option) && !controllers.ContainsKey(option))
                {
                    controllers[option] = new CgroupController(option, mountPoint, ownPaths.GetValueOrDefault(option, "/"));
                }
            }
        }

        return new CgroupV1Hierarchy(controllers);
    }

    private static string SafeRead(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return string.Empty;
        }
        catch (UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }
}
