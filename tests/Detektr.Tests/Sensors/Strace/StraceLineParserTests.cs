using Detektr.Sensors.Strace;

namespace Detektr.Tests.Sensors.Strace;

public sealed class StraceLineParserTests
{
    [Fact]
    public void A_complete_call_splits_into_name_arguments_and_result()
    {
        Assert.True(StraceLineParser.TryParse(
            "5827  1796155142.469269 openat(AT_FDCWD</tmp>, \"f1\", O_WRONLY|O_CREAT|O_TRUNC, 0666) = 3</tmp/f1>", out var line));

        Assert.Equal(5827, line.Pid);
        Assert.Equal(StraceLineKind.Call, line.Kind);
        Assert.Equal("openat", line.Name);
        Assert.Equal("AT_FDCWD</tmp>, \"f1\", O_WRONLY|O_CREAT|O_TRUNC, 0666", line.Text);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1796155142).AddTicks(4692690), line.Time);
        var result = StraceResult.Parse(line.Result);
        Assert.Equal(3, result.Value);
        Assert.Equal("/tmp/f1", result.Decoration);
    }

    [Fact]
    public void A_parenthesis_inside_a_string_does_not_end_the_arguments()
    {
        Assert.True(StraceLineParser.TryParse(
            "9 1.000001 execve(\"/bin/sh\", [\"sh\", \"-c\", \"f() { :; }; echo ) = 3\"], 0x7ffd /* 3 vars */) = 0", out var line));

        Assert.Equal("0", line.Result);
        Assert.EndsWith("/* 3 vars */", line.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Unfinished_and_resumed_halves_join_into_one_call_timed_at_entry()
    {
        const string trace = """
            21076 1796156206.331851 vfork( <unfinished ...>
            21077 1796156206.331957 execve("/usr/bin/python3", ["python3"], 0x5655 /* 3 vars */ <unfinished ...>
            21076 1796156206.333345 <... vfork resumed>) = 3
            21077 1796156206.338662 <... execve resumed>) = 0
            21077 1796156206.386871 +++ exited with 1 +++
            21076 1796156206.406232 +++ killed by SIGKILL +++
            """;

        var records = StraceRecords.Read(new StringReader(trace)).ToList();

        Assert.Collection(records,
            r => Assert.Equal(("vfork", "3", DateTimeOffset.FromUnixTimeSeconds(1796156206).AddTicks(3318510)), (r.Name, r.Result, r.Time)),
            r => Assert.Equal(("execve", "0"), (r.Name, r.Result)),
            r => Assert.Equal((StraceLineKind.Exited, 1), (r.Kind, r.Status)),
            r => Assert.Equal((StraceLineKind.Killed, "SIGKILL"), (r.Kind, r.Signal)));
    }

    [Theory]
    [InlineData("-1 ENOENT (No such file or directory)", null, "ENOENT", false)]
    [InlineData("-1 EPERM (Operation not permitted) (INJECTED)", null, "EPERM", true)]
    [InlineData("0x55d3c0de0000", 0x55d3c0de0000L, null, false)]
    [InlineData("?", null, null, false)]
    public void Results_report_errno_and_injection(string text, long? value, string? errno, bool injected)
    {
        var result = StraceResult.Parse(text);

        Assert.Equal(errno, result.Errno);
        Assert.Equal(injected, result.Injected);
        if (value is not null)
        {
            Assert.Equal(value, result.Value);
        }
    }
}
