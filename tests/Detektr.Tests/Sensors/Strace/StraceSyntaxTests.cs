using System.Text;
using Detektr.Sensors.Strace;
using FsCheck;
using FsCheck.Fluent;

namespace Detektr.Tests.Sensors.Strace;

public sealed class StraceSyntaxTests
{
    /// <summary>Quotes bytes the way strace prints them by default: printable ASCII as is, the usual
    /// C escapes, everything else in octal (padded to three digits before a digit, as strace does).</summary>
    private static string QuoteLikeStrace(byte[] bytes)
    {
        var builder = new StringBuilder("\"");
        for (var i = 0; i < bytes.Length; i++)
        {
            var b = bytes[i];
            var nextIsDigit = i + 1 < bytes.Length && bytes[i + 1] is >= (byte)'0' and <= (byte)'9';
            builder.Append(b switch
            {
                (byte)'"' => "\\\"",
                (byte)'\\' => "\\\\",
                (byte)'\n' => "\\n",
                (byte)'\t' => "\\t",
                (byte)'\r' => "\\r",
                0x0B => "\\v",
                0x0C => "\\f",
                >= 0x20 and < 0x7F => ((char)b).ToString(),
                _ => "\\" + Convert.ToString(b, 8).PadLeft(nextIsDigit ? 3 : 1, '0'),
            });
        }

        return builder.Append('"').ToString();
    }

    [FsCheck.Xunit.Property]
    public Property Quoted_strings_decode_to_the_bytes_strace_printed() =>
        Prop.ForAll(ArbMap.Default.ArbFor<byte[]>(), bytes =>
        {
            var ok = StraceSyntax.TryDecodeString(QuoteLikeStrace(bytes), out var decoded, out var truncated);
            return ok && !truncated && decoded.SequenceEqual(bytes);
        });

    [FsCheck.Xunit.Property]
    public Property Hex_escapes_decode_too() =>
        Prop.ForAll(ArbMap.Default.ArbFor<byte[]>(), bytes =>
        {
            var quoted = "\"" + string.Concat(bytes.Select(b => $"\\x{b:x2}")) + "\"";
            return StraceSyntax.TryDecodeString(quoted, out var decoded, out _) && decoded.SequenceEqual(bytes);
        });

    [Fact]
    public void A_string_followed_by_dots_is_marked_as_truncated()
    {
        Assert.True(StraceSyntax.TryDecodeString("\"abc\"...", out var bytes, out var truncated));
        Assert.True(truncated);
        Assert.Equal("abc"u8.ToArray(), bytes);
    }

    [Fact]
    public void Arguments_split_only_at_top_level_commas()
    {
        var parts = StraceSyntax.SplitTopLevel(
            "AT_FDCWD</tmp/a,b>, \"x, y\", [\"ls\", \"-l\"], {sa_family=AF_INET, sin_port=htons(80)}, 0x1f");

        Assert.Equal(["AT_FDCWD</tmp/a,b>", "\"x, y\"", "[\"ls\", \"-l\"]", "{sa_family=AF_INET, sin_port=htons(80)}", "0x1f"], parts);
    }

    [Theory]
    [InlineData("3</tmp/f1>", "3", "/tmp/f1")]
    [InlineData("AT_FDCWD</root>", "AT_FDCWD", "/root")]
    [InlineData("5<socket:[12203]>", "5", "socket:[12203]")]
    [InlineData("4</tmp/odd\\76name>", "4", "/tmp/odd>name")]
    [InlineData("AT_FDCWD", "AT_FDCWD", null)]
    public void Descriptors_carry_their_decoded_path(string token, string descriptor, string? path)
    {
        var (fd, decoration) = StraceSyntax.ParseDescriptor(token);

        Assert.Equal(descriptor, fd);
        Assert.Equal(path, decoration);
    }

    [Fact]
    public void Argument_vectors_decode_every_element()
    {
        var argv = StraceSyntax.ParseStringArray("[\"sh\", \"-c\", \"echo \\\"hi\\\"\"]", out var truncated);

        Assert.Equal(["sh", "-c", "echo \"hi\""], argv);
        Assert.False(truncated);
    }
}
