using Detektr.Events;
using Detektr.Runs;
using Detektr.Sensors.Strace;

namespace Detektr.Tests.Sensors.Strace;

public sealed class StraceInterpreterTests
{
    private static readonly RunId Run = new("20261201T210235Z-f05e2835");

    private static StraceInterpreter Interpreter(params string[] refused) =>
        new(Run, path => !path.StartsWith("/tmp/", StringComparison.Ordinal), uid => uid == 0 ? "root" : uid.ToString(System.Globalization.CultureInfo.InvariantCulture),
            refused.ToHashSet(StringComparer.Ordinal), path => path == "/tmp/chain.sh" ? "#!/bin/sh" : null);

    /// <summary>A trace recorded from <c>detektr run chain.sh</c> (a script that writes, renames, chmods,
    /// spawns a nested shell, deletes and connects).</summary>
    private static StraceAnalysis Recorded() =>
        Interpreter().Interpret(Path.Combine(AppContext.BaseDirectory, "Sensors", "Strace", "Data", "chain-files-connect.strace"), 32768);

    [Fact]
    public void A_recorded_trace_yields_exactly_the_scripts_behaviour_in_order()
    {
        var analysis = Recorded();

        var summary = analysis.Events.Select(e => e switch
        {
            ProcessCreationEvent p => $"exec {p.ProcessId}<{p.ParentProcessId} {p.Image}",
            ProcessExitEvent x => $"exit {x.ProcessId} {x.ExitCode}",
            FileEvent f => $"{FileEvent.OperationName(f.Operation)} {f.SourceFilename}{(f.SourceFilename is null ? "" : "->")}{f.TargetFilename} by {f.ProcessId}",
            _ => e.EventType.ToWireName(),
        });

        Assert.Equal(
        [
            "exec 2<1 /bin/sh",
            "create /tmp/a.txt by 2",
            "exec 3<2 /usr/bin/mv",
            "rename /tmp/a.txt->/tmp/b.txt by 3",
            "exit 3 0",
            "exec 4<2 /usr/bin/chmod",
            "chmod /tmp/b.txt by 4",
            "exit 4 0",
            "exec 5<2 /usr/bin/sh",
            "exec 6<5 /usr/bin/sh",
            "create /tmp/c.txt by 6",
            "exit 6 0",
            "exit 5 0",
            "exec 7<2 /usr/bin/rm",
            "delete /tmp/b.txt by 7",
            "exit 7 0",
            "exec 8<2 /usr/bin/python3",
            "exit 8 0",
            "exit 2 4",
        ], summary);
        Assert.Equal(new RootOutcome(4, null), analysis.Root);
        Assert.Equal(0, analysis.UnlinkedTasks);
    }

    [Fact]
    public void A_script_runs_as_its_interpreter_with_the_script_as_argument()
    {
        var root = Recorded().Events.OfType<ProcessCreationEvent>().First();

        Assert.Equal(("/bin/sh", "/bin/sh /tmp/chain.sh", "/usr/bin/bwrap"), (root.Image, root.CommandLine, root.ParentImage));
    }

    [Fact]
    public void Process_creation_carries_parent_command_line_directory_and_user()
    {
        var nested = Recorded().Events.OfType<ProcessCreationEvent>().Single(p => p.ProcessId == 6);

        Assert.Equal("sh -c echo nested > /tmp/c.txt", nested.CommandLine);
        Assert.Equal("/usr/bin/sh", nested.ParentImage);
        Assert.Equal("sh -c sh -c \"echo nested > /tmp/c.txt\"", nested.ParentCommandLine);
        Assert.Equal("/tmp", nested.CurrentDirectory);
        Assert.Equal("root", nested.User);
    }

    [Fact]
    public void A_failed_connect_is_kept_with_its_errno()
    {
        var attempt = Assert.Single(Recorded().Connections);

        Assert.Equal(("tcp", "203.0.113.9", 8080, "ENETUNREACH", "/usr/bin/python3", 8L),
            (attempt.Protocol, attempt.DestinationIp, attempt.DestinationPort, attempt.Outcome, attempt.Image, attempt.ProcessId));
    }

    [Fact]
    public void The_launch_chain_before_the_artifact_produces_no_events()
    {
        var analysis = Recorded();

        Assert.DoesNotContain(analysis.Events.OfType<FileEvent>(), f => f.TargetFilename.Contains("cgroup", StringComparison.Ordinal));
        Assert.DoesNotContain(analysis.Events.OfType<ProcessCreationEvent>(), p => p.Image.EndsWith("bwrap", StringComparison.Ordinal));
    }

    [Fact]
    public void Tasks_without_set_tid_address_are_linked_by_allocation_order_and_threads_act_for_their_process()
    {
        // 100 is the launcher, 101 the sandbox init (PID 1 inside), 102 the artifact (2 inside), which
        // forks 105 (3 inside, never execs) and starts thread 106 (4 inside) that writes a file.
        const string trace = """
            100 1.000000 execve("/usr/bin/bwrap", ["bwrap"], 0x1 /* 1 vars */) = 0
            100 1.000100 clone(child_stack=NULL, flags=CLONE_NEWNS|CLONE_NEWPID|SIGCHLD) = 101
            101 1.000200 clone(child_stack=NULL, flags=SIGCHLD) = 2
            102 1.000300 execve("/tmp/a.out", ["/tmp/a.out", "x"], 0x1 /* 1 vars */) = 0
            102 1.000400 clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD) = 3
            102 1.000500 clone(child_stack=0x7f, flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM) = 4
            106 1.000600 openat(AT_FDCWD</tmp>, "log", O_WRONLY|O_CREAT|O_APPEND, 0600) = 3</tmp/log>
            105 1.000700 unlinkat(AT_FDCWD</tmp>, "a.out", 0) = 0
            106 1.000800 +++ exited with 0 +++
            105 1.000900 +++ exited with 0 +++
            102 1.001000 +++ killed by SIGSEGV (core dumped) +++
            101 1.001100 +++ exited with 139 +++
            """;

        var analysis = Interpreter().InterpretText(trace, 32768);

        var files = analysis.Events.OfType<FileEvent>().ToList();
        Assert.Equal(("/tmp/log", FileOperation.Create, 2L, "/tmp/a.out"), (files[0].TargetFilename, files[0].Operation, files[0].ProcessId, files[0].Image));
        Assert.Equal(("/tmp/a.out", FileOperation.Delete, 3L), (files[1].TargetFilename, files[1].Operation, files[1].ProcessId));
        var exits = analysis.Events.OfType<ProcessExitEvent>().ToList();
        Assert.Equal([(3L, (long?)0L, (string?)null), (2L, null, "SIGSEGV")], exits.Select(e => (e.ProcessId, e.ExitCode, e.Signal)));
        Assert.Equal(new RootOutcome(null, "SIGSEGV"), analysis.Root);
    }

    [Fact]
    public void Refused_calls_are_recorded_as_blocked_and_still_attempted()
    {
        const string trace = """
            100 1.000000 execve("/usr/bin/bwrap", ["bwrap"], 0x1 /* 1 vars */) = 0
            100 1.000100 clone(child_stack=NULL, flags=CLONE_NEWPID|SIGCHLD) = 101
            101 1.000200 clone(child_stack=NULL, flags=SIGCHLD) = 2
            102 1.000300 execve("/usr/bin/python3", ["python3"], 0x1 /* 1 vars */) = 0
            102 1.000350 set_tid_address(0x7f) = 2
            102 1.000400 keyctl(KEYCTL_GET_KEYRING_ID, KEY_SPEC_THREAD_KEYRING, 0) = -1 EPERM (Operation not permitted) (INJECTED)
            102 1.000500 socket(AF_INET, SOCK_STREAM|SOCK_CLOEXEC, IPPROTO_IP) = 3<socket:[77]>
            102 1.000600 connect(3<socket:[77]>, {sa_family=AF_INET, sin_port=htons(443), sin_addr=inet_addr("198.51.100.7")}, 16) = -1 EPERM (Operation not permitted) (INJECTED)
            102 1.000700 +++ exited with 1 +++
            """;

        var analysis = Interpreter("keyctl", "connect").InterpretText(trace, 32768);

        Assert.Equal(["keyctl", "connect"], analysis.BlockedCalls.Select(b => b.Syscall));
        var attempt = Assert.Single(analysis.Connections);
        Assert.Equal(("198.51.100.7", 443, "EPERM"), (attempt.DestinationIp, attempt.DestinationPort, attempt.Outcome));
    }

    [Fact]
    public void Dns_questions_are_read_from_the_datagrams_a_process_sends()
    {
        const string trace = """
            100 1.000000 execve("/usr/bin/bwrap", ["bwrap"], 0x1 /* 1 vars */) = 0
            100 1.000100 clone(child_stack=NULL, flags=CLONE_NEWPID|SIGCHLD) = 101
            101 1.000200 clone(child_stack=NULL, flags=SIGCHLD) = 2
            102 1.000300 execve("/usr/bin/getent", ["getent", "hosts", "foo.bar"], 0x1 /* 1 vars */) = 0
            102 1.000400 socket(AF_INET, SOCK_DGRAM|SOCK_CLOEXEC|SOCK_NONBLOCK, IPPROTO_IP) = 3<socket:[102500]>
            102 1.000500 connect(3<socket:[102500]>, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("127.0.0.1")}, 16) = 0
            102 1.000600 sendto(3<socket:[102500]>, "\226\214\1\0\0\1\0\0\0\0\0\0\3foo\3bar\0\0\34\0\1", 25, MSG_NOSIGNAL, NULL, 0) = 25
            102 1.000700 sendto(3<socket:[102500]>, "\226\214\1\0\0\1\0\0\0\0\0\0\3foo\3bar\0\0\34\0\1", 25, MSG_NOSIGNAL, NULL, 0) = 25
            102 1.000800 sendmmsg(3<socket:[102500]>, [{msg_hdr={msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base="\223\211\1\0\0\1\0\0\0\0\0\0\3foo\3bar\0\0\1\0\1", iov_len=25}], msg_iovlen=1, msg_controllen=0, msg_flags=0}, msg_len=25}], 1, MSG_NOSIGNAL) = 1
            102 1.000900 +++ exited with 2 +++
            """;

        var analysis = Interpreter().InterpretText(trace, 32768);

        Assert.Equal([("foo.bar", "AAAA", (ushort)0x968c), ("foo.bar", "A", (ushort)0x9389)],
            analysis.DnsSends.Select(d => (d.Question.Name, d.Question.TypeName, d.Question.Id)));
        Assert.All(analysis.DnsSends, d => Assert.Equal(("/usr/bin/getent", "127.0.0.1"), (d.Image, d.ServerIp)));
    }
}
