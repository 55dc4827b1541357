using System.Globalization;

namespace Detektr.Sensors.Strace;

/// <summary>Parses lines of <c>strace -f -ttt</c> output: <c>PID SECONDS.MICROS TEXT</c>.</summary>
internal static class StraceLineParser
{
    private const string UnfinishedMarker = " <unfinished ...>";
    private const string ResumedPrefix = "<... ";
    private const string ResumedSuffix = " resumed>";

    /// <summary>Parses one line; false for lines that are not strace records (a truncated last line).</summary>
    public static bool TryParse(string line, out StraceLine parsed)
    {
        parsed = default;
        var span = line.AsSpan();
        var pidEnd = span.IndexOf(' ');
        if (pidEnd <= 0 || !int.TryParse(span[..pidEnd], NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            return false;
        }

        var rest = span[pidEnd..].TrimStart();
        var timeEnd = rest.IndexOf(' ');
        if (timeEnd <= 0 || !TryParseTime(rest[..timeEnd], out var time))
        {
            return false;
        }

        var text = rest[(timeEnd + 1)..].ToString();
        if (text.StartsWith("+++ ", StringComparison.Ordinal))
        {
            parsed = ParseTermination(pid, time, text);
            return true;
        }

        if (text.StartsWith("---", StringComparison.Ordinal))
        {
            parsed = new StraceLine(pid, time, StraceLineKind.Other, null, text, null, 0, null);
            return true;
        }

        if (text.StartsWith(ResumedPrefix, StringComparison.Ordinal))
        {
            var nameEnd = text.IndexOf(ResumedSuffix, StringComparison.Ordinal);
            if (nameEnd < 0)
            {
                return false;
            }

            var name = text[ResumedPrefix.Length..nameEnd];
            parsed = new StraceLine(pid, time, StraceLineKind.Resumed, name, text[(nameEnd + ResumedSuffix.Length)..], null, 0, null);
            return true;
        }

        var open = text.IndexOf('(', StringComparison.Ordinal);
        if (open <= 0)
        {
            parsed = new StraceLine(pid, time, StraceLineKind.Other, null, text, null, 0, null);
            return true;
        }

        var callName = text[..open];
        if (text.EndsWith(UnfinishedMarker, StringComparison.Ordinal))
        {
            parsed = new StraceLine(pid, time, StraceLineKind.Unfinished, callName,
                text[(open + 1)..^UnfinishedMarker.Length], null, 0, null);
            return true;
        }

        return TrySplitCall(pid, time, callName, text, open + 1, out parsed);
    }

    /// <summary>Joins an unfinished call with its resumption into one complete call line.</summary>
    public static bool TryMerge(StraceLine unfinished, StraceLine resumed, out StraceLine merged)
    {
        var text = $"{unfinished.Name}({unfinished.Text}{resumed.Text}";
        return TrySplitCall(unfinished.Pid, unfinished.Time, unfinished.Name!, text, unfinished.Name!.Length + 1, out merged);
    }

    private static bool TrySplitCall(int pid, DateTimeOffset time, string name, string text, int argumentsStart, out StraceLine parsed)
    {
        parsed = default;
        var close = StraceSyntax.FindClosingParenthesis(text, argumentsStart);
        if (close < 0)
        {
            return false;
        }

        var arguments = text[argumentsStart..(close - 1)];
        var after = text.AsSpan(close).TrimStart();
        if (!after.StartsWith("=", StringComparison.Ordinal))
        {
            return false;
        }

        var result = after[1..].Trim().ToString();
        parsed = new StraceLine(pid, time, StraceLineKind.Call, name, arguments, result, 0, null);
        return true;
    }

    private static StraceLine ParseTermination(int pid, DateTimeOffset time, string text)
    {
        const string exited = "+++ exited with ";
        const string killed = "+++ killed by ";
        if (text.StartsWith(exited, StringComparison.Ordinal))
        {
            var digits = text[exited.Length..].Split(' ')[0];
            var status = int.TryParse(digits, NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : 0;
            return new StraceLine(pid, time, StraceLineKind.Exited, null, text, null, status, null);
        }

        if (text.StartsWith(killed, StringComparison.Ordinal))
        {
            var signal = text[killed.Length..].Split(' ')[0];
            return new StraceLine(pid, time, StraceLineKind.Killed, null, text, null, 0, signal);
        }

        return new StraceLine(pid, time, StraceLineKind.Other, null, text, null, 0, null);
    }

    private static bool TryParseTime(ReadOnlySpan<char> text, out DateTimeOffset time)
    {
        time = default;
        var dot = text.IndexOf('.');
        if (dot <= 0 ||
            !long.TryParse(text[..dot], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ||
            !long.TryParse(text[(dot + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var fraction))
        {
            return false;
        }

        var digits = text.Length - dot - 1;
        var micros = digits switch
        {
            6 => fraction,
            < 6 => fraction * (long)Math.Pow(10, 6 - digits),
            _ => fraction / (long)Math.Pow(10, digits - 6),
        };
        time = DateTimeOffset.FromUnixTimeSeconds(seconds).AddTicks(micros * 10);
        return true;
    }
}
