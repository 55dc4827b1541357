using System.Buffers.Binary;
using Detektr.Sandbox.Seccomp;

namespace Detektr.Tests.Sandbox.Seccomp;

public sealed class SeccompFilterBuilderTests
{
    private const uint Allow = 0x7FFF0000;
    private const uint Trace = 0x7FF00000;
    private const uint KillProcess = 0x80000000;
    private const uint X86_64 = 0xC000003E;

    /// <summary>Runs a classic BPF seccomp program over one seccomp_data, as the kernel would.</summary>
    private static uint Evaluate(byte[] program, int number, ulong firstArgument = 0, uint arch = X86_64)
    {
        var data = new byte[64];
        BinaryPrimitives.WriteInt32LittleEndian(data, number);
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(4), arch);
        BinaryPrimitives.WriteUInt64LittleEndian(data.AsSpan(16), firstArgument);
        uint accumulator = 0;
        var pc = 0;
        while (true)
        {
            var instruction = program.AsSpan(pc * 8, 8);
            var code = BinaryPrimitives.ReadUInt16LittleEndian(instruction);
            var jt = instruction[2];
            var jf = instruction[3];
            var k = BinaryPrimitives.ReadUInt32LittleEndian(instruction[4..]);
            pc++;
            switch (code)
            {
                case 0x20: accumulator = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan((int)k)); break;
                case 0x15: pc += accumulator == k ? jt : jf; break;
                case 0x35: pc += accumulator >= k ? jt : jf; break;
                case 0x45: pc += (accumulator & k) != 0 ? jt : jf; break;
                case 0x06: return k;
                default: throw new InvalidOperationException($"unexpected BPF opcode {code:x}");
            }
        }
    }

    private static int Number(string name) => SyscallTable.TryGetNumber(name, out var n) ? n : throw new ArgumentException(name);

    [Fact]
    public void Ordinary_calls_are_allowed()
    {
        var program = SeccompFilterBuilder.Build(SeccompPolicy.Default, traceDenials: false);

        foreach (var name in new[] { "read", "write", "openat", "execve", "connect", "socket", "unlinkat", "wait4" })
        {
            Assert.Equal(Allow, Evaluate(program, Number(name)));
        }
    }

    [Theory]
    [InlineData("init_module")]
    [InlineData("kexec_load")]
    [InlineData("bpf")]
    [InlineData("mount")]
    [InlineData("ptrace")]
    [InlineData("keyctl")]
    [InlineData("io_uring_setup")]
    [InlineData("open_tree_attr")]
    public void Kernel_attack_surface_is_refused_with_eperm(string syscall)
    {
        var program = SeccompFilterBuilder.Build(SeccompPolicy.Default, traceDenials: false);

        Assert.Equal(0x00050000u | 1, Evaluate(program, Number(syscall)));
    }

    [Fact]
    public void Under_the_sensor_refusals_go_to_the_tracer_except_what_the_launch_chain_needs()
    {
        var program = SeccompFilterBuilder.Build(SeccompPolicy.Default, traceDenials: true);

        Assert.Equal(Trace, Evaluate(program, Number("keyctl")));
        Assert.Equal(Trace, Evaluate(program, Number("bpf")));
        Assert.Equal(0x00050000u | 1, Evaluate(program, Number("mount")));
        Assert.Equal(0x00050000u | 1, Evaluate(program, Number("setns")));
        Assert.Equal(0x00050000u | 1, Evaluate(program, Number("open_tree_attr")));
        Assert.DoesNotContain("mount", SeccompFilterBuilder.TracedDenials(SeccompPolicy.Default));
    }

    [Fact]
    public void Namespace_creation_is_refused_but_plain_forks_and_threads_are_not()
    {
        var program = SeccompFilterBuilder.Build(SeccompPolicy.Default, traceDenials: false);
        const ulong newUser = 0x10000000;
        const ulong fork = 0x01200011; // CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID | SIGCHLD
        const ulong thread = 0x003D0F00;

        Assert.Equal(0x00050001u, Evaluate(program, Number("clone"), newUser | 17));
        Assert.Equal(Allow, Evaluate(program, Number("clone"), fork));
        Assert.Equal(Allow, Evaluate(program, Number("clone"), thread));
        Assert.Equal(0x00050001u, Evaluate(program, Number("unshare"), 0x40000000));
        Assert.Equal(Allow, Evaluate(program, Number("unshare"), 0x00000400));
        Assert.Equal(0x00050000u | 38, Evaluate(program, Number("clone3")));
    }

    [Fact]
    public void Other_architectures_and_x32_calls_are_stopped()
    {
        var program = SeccompFilterBuilder.Build(SeccompPolicy.Default, traceDenials: false);

        Assert.Equal(KillProcess, Evaluate(program, 1, arch: 0x40000003));
        Assert.Equal(0x00050001u, Evaluate(program, 0x40000000 | Number("read")));
    }

    [Fact]
    public void Additional_denials_extend_the_policy_and_unknown_names_are_rejected()
    {
        var policy = SeccompPolicy.Default.WithAdditionalDenials(["connect", "connect"]);

        Assert.Equal(["connect"], policy.AdditionalDenials);
        Assert.Equal(Trace, Evaluate(SeccompFilterBuilder.Build(policy, traceDenials: true), Number("connect")));
        var unknown = Assert.Throws<ArgumentException>(() => SeccompPolicy.Default.WithAdditionalDenials(["conect"]));
        Assert.Contains("unknown system call 'conect'", unknown.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => SeccompPolicy.Default.WithAdditionalDenials(["execve"]));
    }
}
