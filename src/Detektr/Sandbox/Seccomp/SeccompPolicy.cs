namespace Detektr.Sandbox.Seccomp;

/// <summary>Which system calls the sandbox refuses. The default list closes kernel attack surface a
/// sample has no business reaching: module loading, kexec, bpf, mounting, ptrace of other processes,
/// keyrings, perf, userfaultfd, handle-based opens, io_uring (which would also hide file operations
/// from the sensor), swap, reboot, clocks and accounting. Creating namespaces (clone/unshare with
/// CLONE_NEW*) is refused as well, and clone3 answers ENOSYS so that libc falls back to clone, whose
/// flags the filter can inspect.</summary>
public sealed class SeccompPolicy
{
    /// <summary>The system calls refused by default, with why, in the order they are documented.</summary>
    public static IReadOnlyList<(string Syscall, string Reason)> DefaultDenials { get; } =
    [
        ("init_module", "kernel module loading"),
        ("finit_module", "kernel module loading"),
        ("delete_module", "kernel module unloading"),
        ("kexec_load", "replacing the running kernel"),
        ("kexec_file_load", "replacing the running kernel"),
        ("bpf", "eBPF programs and maps"),
        ("mount", "mounting inside the sandbox"),
        ("umount2", "unmounting inside the sandbox"),
        ("pivot_root", "changing the root mount"),
        ("fsopen", "new mount API"),
        ("fsconfig", "new mount API"),
        ("fsmount", "new mount API"),
        ("fspick", "new mount API"),
        ("move_mount", "new mount API"),
        ("open_tree", "new mount API"),
        ("mount_setattr", "new mount API"),
        ("open_tree_attr", "new mount API"),
        ("ptrace", "tracing other processes"),
        ("process_vm_readv", "reading another process's memory"),
        ("process_vm_writev", "writing another process's memory"),
        ("keyctl", "kernel keyrings"),
        ("add_key", "kernel keyrings"),
        ("request_key", "kernel keyrings"),
        ("perf_event_open", "performance counters"),
        ("userfaultfd", "user-space page fault handling, a common exploit primitive"),
        ("open_by_handle_at", "opening files by handle, bypassing the mount namespace"),
        ("name_to_handle_at", "file handles"),
        ("setns", "joining other namespaces"),
        ("io_uring_setup", "io_uring, whose operations bypass the system call sensor"),
        ("io_uring_enter", "io_uring"),
        ("io_uring_register", "io_uring"),
        ("swapon", "swap configuration"),
        ("swapoff", "swap configuration"),
        ("reboot", "rebooting"),
        ("acct", "process accounting"),
        ("syslog", "kernel log"),
        ("quotactl", "disk quotas"),
        ("quotactl_fd", "disk quotas"),
        ("lookup_dcookie", "profiling"),
        ("nfsservctl", "obsolete NFS control"),
        ("uselib", "obsolete library loading"),
        ("vhangup", "terminal hangup"),
        ("iopl", "I/O port access"),
        ("ioperm", "I/O port access"),
        ("settimeofday", "setting the clock"),
        ("clock_settime", "setting the clock"),
        ("clock_adjtime", "adjusting the clock"),
        ("adjtimex", "adjusting the clock"),
        ("fanotify_init", "filesystem-wide notification"),
    ];

    private SeccompPolicy(IReadOnlyList<string> denied) => DeniedSyscalls = denied;

    /// <summary>The default policy.</summary>
    public static SeccompPolicy Default { get; } = new(DefaultDenials.Select(d => d.Syscall).ToArray());

    /// <summary>Every system call the policy refuses with EPERM, in order, without duplicates.</summary>
    public IReadOnlyList<string> DeniedSyscalls { get; }

    /// <summary>The system calls denied on top of the default list (for mitigation runs).</summary>
    public IReadOnlyList<string> AdditionalDenials =>
        DeniedSyscalls.Where(s => !DefaultDenials.Any(d => d.Syscall == s)).ToArray();

    /// <summary>A policy that also refuses <paramref name="syscalls"/>. Throws
    /// <see cref="ArgumentException"/> naming the first unknown system call.</summary>
    public SeccompPolicy WithAdditionalDenials(IEnumerable<string> syscalls)
    {
        ArgumentNullException.ThrowIfNull(syscalls);
        var denied = new List<string>(DeniedSyscalls);
        foreach (var name in syscalls)
        {
            if (!SyscallTable.TryGetNumber(name, out _))
            {
                throw new ArgumentException($"unknown system call '{name}' (x86-64 names such as connect, unlinkat)", nameof(syscalls));
            }

            if (name is "execve" or "exit_group" or "exit" or "rt_sigreturn")
            {
                throw new ArgumentException($"denying '{name}' would stop the sandbox itself from working", nameof(syscalls));
            }

            if (!denied.Contains(name))
            {
                denied.Add(name);
            }
        }

        return new SeccompPolicy(denied);
    }
}
