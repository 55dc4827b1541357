using Detektr.Limits;

namespace Detektr.Tests.Limits;

public sealed class CgroupV1HierarchyTests
{
    private const string Mounts = """
        /dev/vda / ext4 rw,relatime 0 0
        cgroup /sys/fs/cgroup/cpu,cpuacct cgroup rw,relatime,cpu,cpuacct 0 0
        cgroup /sys/fs/cgroup/memory cgroup rw,relatime,memory 0 0
        cgroup /sys/fs/cgroup/pids cgroup rw,relatime,pids 0 0
        cgroup2 /sys/fs/cgroup/unified cgroup2 rw,relatime 0 0
        """;

    private const string Membership = """
        9:pids:/
        4:memory:/jobs/42
        1:cpu,cpuacct:/
        0::/
        """;

    [Fact]
    public void Controllers_are_found_with_this_process_place_in_each()
    {
        var hierarchy = CgroupV1Hierarchy.Parse(Mounts, Membership);

        Assert.Equal("/sys/fs/cgroup/memory/jobs/42", hierarchy["memory"]!.OwnDirectory);
        Assert.Equal("/sys/fs/cgroup/cpu,cpuacct", hierarchy["cpu"]!.OwnDirectory);
        Assert.Equal("/sys/fs/cgroup/pids", hierarchy["pids"]!.OwnDirectory);
    }

    [Fact]
    public void A_machine_with_only_cgroup_v2_offers_no_v1_controllers()
    {
        var hierarchy = CgroupV1Hierarchy.Parse("cgroup2 /sys/fs/cgroup cgroup2 rw 0 0\n", "0::/\n");

        Assert.Empty(hierarchy.Controllers);
        Assert.Null(hierarchy["memory"]);
    }
}
