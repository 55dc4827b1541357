namespace Detektr.Sensors.Strace;

/// <summary>The strace command line of the sensor: follow forks, absolute timestamps with microseconds,
/// descriptors decoded to paths, and, through a seccomp-bpf prefilter, only the calls the event schema
/// needs, so untraced calls (read, write, mmap...) run at full speed.</summary>
internal static class StraceSensor
{
    /// <summary>The calls the sensor asks strace to trace, besides the refused ones.</summary>
    public static readonly IReadOnlyList<string> TracedSyscalls =
    [
        "execve", "execveat", "clone", "clone3", "fork", "vfork", "set_tid_address",
        "chdir", "fchdir", "setuid", "setreuid", "setresuid",
        "open", "openat", "openat2", "creat", "unlink", "unlinkat", "rename", "renameat", "renameat2",
        "chmod", "fchmod", "fchmodat", "chown", "fchown", "lchown", "fchownat",
        "link", "linkat", "symlink", "symlinkat", "truncate",
        "socket", "connect", "sendto", "sendmsg", "sendmmsg",
    ];

    /// <summary>Longest string strace prints in full (paths, argv entries, DNS payloads).</summary>
    public const int StringLimit = 4096;

    /// <summary>The arguments that precede the traced program. Signal deliveries are printed except
    /// SIGCHLD (one per child exit): strace's signal filter also governs "+++ killed by" lines.</summary>
    public static List<string> Arguments(string tracePath, IReadOnlyList<string> refusedSyscalls)
    {
        ArgumentNullException.ThrowIfNull(refusedSyscalls);
        var traced = TracedSyscalls.Concat(refusedSyscalls).Distinct(StringComparer.Ordinal);
        var arguments = new List<string>
        {
            "-f", "-ttt", "-y", "-s", StringLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--quiet=attach,personality", "-e", "signal=!SIGCHLD", "--seccomp-bpf",
            "-e", "trace=" + string.Join(',', traced),
        };
        if (refusedSyscalls.Count > 0)
        {
            arguments.Add("-e");
            arguments.Add("inject=" + string.Join(',', refusedSyscalls) + ":error=EPERM");
        }

        arguments.Add("-o");
        arguments.Add(tracePath);
        return arguments;
    }
}
