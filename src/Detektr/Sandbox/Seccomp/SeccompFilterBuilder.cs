using System.Buffers.Binary;

namespace Detektr.Sandbox.Seccomp;

/// <summary>Compiles a <see cref="SeccompPolicy"/> into the classic BPF program bubblewrap's
/// <c>--seccomp FD</c> loads (an array of 8-byte <c>struct sock_filter</c>).</summary>
/// <remarks>
/// With a sensor attached, refused calls return <c>SECCOMP_RET_TRACE</c>: the tracer (strace, told to
/// inject EPERM for exactly these calls) sees the attempt and refuses it, so attempts are recorded;
/// were the tracer gone, the kernel fails a traced call with ENOSYS, so it stays refused. Without a
/// sensor, refused calls return EPERM directly. Calls strace does not know by name, and the
/// flag-dependent clone/unshare checks, always return EPERM directly.
/// </remarks>
internal static class SeccompFilterBuilder
{
    private const uint AuditArchX86_64 = 0xC000003E;
    private const uint X32SyscallBit = 0x40000000;
    private const uint RetKillProcess = 0x80000000;
    private const uint RetTrace = 0x7FF00000;
    private const uint RetAllow = 0x7FFF0000;
    private const uint RetErrno = 0x00050000;
    private const uint Eperm = 1;
    private const uint Enosys = 38;

    // CLONE_NEWNS | NEWCGROUP | NEWUTS | NEWIPC | NEWUSER | NEWPID | NEWNET; for unshare also NEWTIME,
    // whose bit clone() uses for the exit signal.
    private const uint CloneNamespaceFlags = 0x7E020000;
    private const uint UnshareNamespaceFlags = 0x7E020080;

    /// <summary>Highest system call number strace 6.1 can name, so the highest it can trace and inject.</summary>
    internal const int HighestTraceableSyscall = 450;

    private const ushort OpLoadWordAbsolute = 0x20;
    private const ushort OpJumpEqual = 0x15;
    private const ushort OpJumpGreaterOrEqual = 0x35;
    private const ushort OpJumpSet = 0x45;
    private const ushort OpReturn = 0x06;

    private const uint OffsetNumber = 0;
    private const uint OffsetArch = 4;
    private const uint OffsetFirstArgument = 16;

    /// <summary>System calls the launch chain itself makes under the sensor, before the artifact starts
    /// (the shell, nsenter and bubblewrap's set-up, measured with <c>strace -f</c>, with a margin).
    /// The sensor's refusals apply to every traced process, so these can only be refused by the
    /// filter directly, which bubblewrap installs on the artifact alone.</summary>
    internal static readonly IReadOnlySet<string> LaunchChainSyscalls = new HashSet<string>(StringComparer.Ordinal)
    {
        "access", "arch_prctl", "bind", "brk", "capget", "capset", "chdir", "clone", "close", "creat", "dup", "dup2",
        "dup3", "eventfd2", "execve", "exit", "exit_group", "faccessat", "faccessat2", "fchdir", "fcntl", "fstat",
        "getcwd", "getdents64", "getegid", "geteuid", "getgid", "getpid", "getppid", "getrandom", "getuid", "ioctl",
        "lseek", "lstat", "mkdir", "mkdirat", "mmap", "mount", "mprotect", "munmap", "newfstatat", "open", "openat",
        "pipe", "pipe2", "pivot_root", "poll", "ppoll", "prctl", "pread64", "prlimit64", "read", "readlink",
        "readlinkat", "recvfrom", "recvmsg", "rseq", "rt_sigaction", "rt_sigprocmask", "rt_sigreturn", "sendmsg",
        "sendto", "set_robust_list", "set_tid_address", "sethostname", "setns", "setsid", "signalfd4", "socket",
        "stat", "statfs", "statx", "symlink", "symlinkat", "umask", "umount2", "unshare", "wait4", "write",
    };

    /// <summary>The system calls of <paramref name="policy"/> that the sensor refuses (and so records) when
    /// <c>traceDenials</c> is on: those strace can name and the launch chain never makes.</summary>
    public static IReadOnlyList<string> TracedDenials(SeccompPolicy policy) =>
        policy.DeniedSyscalls
            .Where(name => SyscallTable.TryGetNumber(name, out var number) && number <= HighestTraceableSyscall &&
                           !LaunchChainSyscalls.Contains(name))
            .ToArray();

    /// <summary>Builds the program. <paramref name="traceDenials"/> makes refusals visible to a tracer.</summary>
    public static byte[] Build(SeccompPolicy policy, bool traceDenials)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var traced = traceDenials ? TracedDenials(policy).ToHashSet(StringComparer.Ordinal) : [];
        var program = new Assembler();
        program.Load(OffsetArch);
        program.JumpIf(OpJumpEqual, AuditArchX86_64, whenTrue: null, whenFalse: "kill");
        program.Load(OffsetNumber);
        program.JumpIf(OpJumpGreaterOrEqual, X32SyscallBit, whenTrue: "eperm", whenFalse: null);
        foreach (var name in policy.DeniedSyscalls)
        {
            SyscallTable.TryGetNumber(name, out var number);
            program.JumpIf(OpJumpEqual, (uint)number, whenTrue: traced.Contains(name) ? "trace" : "eperm", whenFalse: null);
        }

        program.JumpIf(OpJumpEqual, Number("clone3"), whenTrue: "enosys", whenFalse: null);
        program.JumpIf(OpJumpEqual, Number("clone"), whenTrue: "clone", whenFalse: null);
        program.JumpIf(OpJumpEqual, Number("unshare"), whenTrue: "unshare", whenFalse: null);
        program.Return(RetAllow);

        program.Label("clone");
        program.Load(OffsetFirstArgument);
        program.JumpIf(OpJumpSet, CloneNamespaceFlags, whenTrue: "eperm", whenFalse: "allow");
        program.Label("unshare");
        program.Load(OffsetFirstArgument);
        program.JumpIf(OpJumpSet, UnshareNamespaceFlags, whenTrue: "eperm", whenFalse: "allow");
        program.Label("allow");
        program.Return(RetAllow);
        program.Label("trace");
        program.Return(RetTrace);
        program.Label("eperm");
        program.Return(RetErrno | Eperm);
        program.Label("enosys");
        program.Return(RetErrno | Enosys);
        program.Label("kill");
        program.Return(RetKillProcess);
        return program.Assemble();
    }

    private static uint Number(string name) =>
        SyscallTable.TryGetNumber(name, out var number) ? (uint)number : throw new InvalidOperationException(name);

    /// <summary>A tiny two-pass assembler: jumps name labels, offsets are resolved at the end.</summary>
    private sealed class Assembler
    {
        private readonly List<(ushort Code, string? True, string? False, uint K)> _instructions = [];
        private readonly Dictionary<string, int> _labels = new(StringComparer.Ordinal);

        public void Load(uint offset) => _instructions.Add((OpLoadWordAbsolute, null, null, offset));

        public void JumpIf(ushort code, uint value, string? whenTrue, string? whenFalse) =>
            _instructions.Add((code, whenTrue, whenFalse, value));

        public void Return(uint action) => _instructions.Add((OpReturn, null, null, action));

        public void Label(string name) => _labels[name] = _instructions.Count;

        public byte[] Assemble()
        {
            var bytes = new byte[_instructions.Count * 8];
            for (var i = 0; i < _instructions.Count; i++)
            {
                var (code, whenTrue, whenFalse, k) = _instructions[i];
                var span = bytes.AsSpan(i * 8, 8);
                BinaryPrimitives.WriteUInt16LittleEndian(span, code);
                span[2] = Offset(i, whenTrue);
                span[3] = Offset(i, whenFalse);
                BinaryPrimitives.WriteUInt32LittleEndian(span[4..], k);
            }

            return bytes;
        }

        private byte Offset(int from, string? label)
        {
            if (label is null)
            {
                return 0;
            }

            // Jump offsets count instructions after the next one and must fit a byte.
            var distance = _labels[label] - from - 1;
            if (distance is < 0 or > 255)
            {
                throw new InvalidOperationException($"seccomp jump to '{label}' spans {distance} instructions");
            }

            return (byte)distance;
        }
    }
}
