namespace Detektr.Limits;

/// <summary>One mounted cgroup v1 controller and where this process sits in it.</summary>
/// <param name="Name">Controller name (<c>memory</c>, <c>pids</c>, <c>cpu</c>, <c>freezer</c>, <c>cpuacct</c>).</param>
/// <param name="MountPoint">Where the controller's hierarchy is mounted.</param>
/// <param name="OwnPath">This process's cgroup within the hierarchy (from /proc/self/cgroup).</param>
public sealed record CgroupController(string Name, string MountPoint, string OwnPath)
{
    /// <summary>The directory of this process's own cgroup; run groups are created beneath it so that
    /// limits placed on Detektr itself keep applying to what it runs.</summary>
    public string OwnDirectory => Path.Join(MountPoint, OwnPath.TrimStart('/'));
}
