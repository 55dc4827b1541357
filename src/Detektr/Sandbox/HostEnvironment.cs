using System.Runtime.InteropServices;
using Detektr.Limits;

namespace Detektr.Sandbox;

/// <summary>What this machine offers for sandboxing: programs and their versions, privileges, kernel,
/// cgroup v1 controllers and Landlock. Probed once per process; the manifest records it.</summary>
public sealed record HostEnvironment
{
    private static readonly Lazy<HostEnvironment> Probed = new(Probe);

    /// <summary>The environment of this machine, probed on first use.</summary>
    public static HostEnvironment Current => Probed.Value;

    /// <summary>bubblewrap, which builds the namespaces and mounts.</summary>
    public string? BubblewrapPath { get; init; }

    /// <summary>Version banner of bubblewrap (<c>0.8.0</c>).</summary>
    public string? BubblewrapVersion { get; init; }

    /// <summary>strace, the system call sensor.</summary>
    public string? StracePath { get; init; }

    /// <summary>Version of strace (<c>6.1</c>).</summary>
    public string? StraceVersion { get; init; }

    /// <summary>util-linux unshare, which gives the overlay mount a private mount namespace.</summary>
    public string? UnsharePath { get; init; }

    /// <summary>mount, which mounts the overlay.</summary>
    public string? MountPath { get; init; }

    /// <summary>nsenter, which places the sandbox in the sinkhole's network namespace.</summary>
    public string? NsenterPath { get; init; }

    /// <summary>iproute2 ip, which creates the sinkhole's namespaces and veth pair.</summary>
    public string? IpPath { get; init; }

    /// <summary>nft, which redirects the sandbox's traffic to the sink.</summary>
    public string? NftPath { get; init; }

    /// <summary>Kernel release (<c>uname -r</c>).</summary>
    public required string KernelRelease { get; init; }

    /// <summary>Distribution name and version from os-release, when present.</summary>
    public string? Distribution { get; init; }

    /// <summary>True when running with effective uid 0 (required for overlay mounts, cgroups and netns).</summary>
    public bool IsRoot { get; init; }

    /// <summary>True on Linux x86-64, the only platform the sandbox supports.</summary>
    public bool IsSupportedPlatform { get; init; }

    /// <summary>Landlock ABI version the kernel offers, or null when Landlock is unavailable.</summary>
    public int? LandlockAbi { get; init; }

    /// <summary>The cgroup v1 controllers mounted on this machine, with this process's place in each.</summary>
    public required CgroupV1Hierarchy Cgroups { get; init; }

    /// <summary>Reasons the sandbox cannot run here at all; empty when it can.</summary>
    public IReadOnlyList<string> SandboxProblems()
    {
        var problems = new List<string>();
        if (!IsSupportedPlatform)
        {
            problems.Add($"the sandbox needs Linux on x86-64 (this is {RuntimeInformation.OSDescription} {RuntimeInformation.ProcessArchitecture})");
        }

        if (!IsRoot)
        {
            problems.Add("the sandbox needs root: it mounts an overlay, creates cgroups and network namespaces");
        }

        Require(problems, BubblewrapPath, "bwrap", "bubblewrap");
        Require(problems, UnsharePath, "unshare", "util-linux");
        Require(problems, MountPath, "mount", "mount");
        return problems;
    }

    /// <summary>Reasons the strace sensor cannot run here; empty when it can.</summary>
    public IReadOnlyList<string> SensorProblems()
    {
        var problems = new List<string>();
        Require(problems, StracePath, "strace", "strace");
        return problems;
    }

    /// <summary>Reasons the sinkhole network cannot run here; empty when it can.</summary>
    public IReadOnlyList<string> SinkholeProblems()
    {
        var problems = new List<string>();
        Require(problems, IpPath, "ip", "iproute2");
        Require(problems, NftPath, "nft", "nftables");
        Require(problems, NsenterPath, "nsenter", "util-linux");
        return problems;
    }

    private static void Require(List<string> problems, string? path, string program, string package)
    {
        if (path is null)
        {
            problems.Add($"'{program}' is not installed (Debian package {package}; scripts/prerequisites.sh test installs it)");
        }
    }

    private static HostEnvironment Probe()
    {
        var bwrap = HostTools.Find("bwrap");
        var strace = HostTools.Find("strace");
        return new HostEnvironment
        {
            BubblewrapPath = bwrap,
            BubblewrapVersion = bwrap is null ? null : LastWord(HostTools.FirstLineOf(bwrap, "--version")),
            StracePath = strace,
            StraceVersion = strace is null ? null : LastWord(HostTools.FirstLineOf(strace, "-V")),
            UnsharePath = HostTools.Find("unshare"),
            MountPath = HostTools.Find("mount"),
            NsenterPath = HostTools.Find("nsenter"),
            IpPath = HostTools.Find("ip"),
            NftPath = HostTools.Find("nft"),
            KernelRelease = ReadFirstLine("/proc/sys/kernel/osrelease") ?? RuntimeInformation.OSDescription,
            Distribution = ReadDistribution(),
            IsRoot = Environment.IsPrivilegedProcess,
            IsSupportedPlatform = OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64,
            LandlockAbi = ProbeLandlock(),
            Cgroups = CgroupV1Hierarchy.Discover(),
        };
    }

    private static string? LastWord(string? line) =>
        line?.Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();

    private static string? ReadFirstLine(string path)
    {
        try
        {
            return File.ReadLines(path).FirstOrDefault()?.Trim();
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string? ReadDistribution()
    {
        try
        {
            foreach (var line in File.ReadLines("/etc/os-release"))
            {
                if (line.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))
                {
                    return line["PRETTY_NAME=".Length..].Trim('"');
                }
            }
        }
        catch (IOException)
        {
        }

        return null;
    }

    private static int? ProbeLandlock()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64)
        {
            return null;
        }

        var abi = Native.LibC.SystemCall(Native.LibC.SYS_landlock_create_ruleset, 0, 0,
            (nint)Native.LibC.LANDLOCK_CREATE_RULESET_VERSION);
        return abi > 0 ? (int)abi : null;
    }
}
