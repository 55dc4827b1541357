namespace Detektr.Sensors.Strace;

/// <summary>Streams the complete records of a trace: calls (unfinished halves joined with their
/// resumption, timed at entry) and terminations, in the order they complete.</summary>
internal static class StraceRecords
{
    /// <summary>Reads <paramref name="reader"/> to the end.</summary>
    public static IEnumerable<StraceLine> Read(TextReader reader)
    {
        var pending = new Dictionary<int, StraceLine>();
        while (reader.ReadLine() is { } text)
        {
            if (!StraceLineParser.TryParse(text, out var line))
            {
                continue;
            }

            switch (line.Kind)
            {
                case StraceLineKind.Unfinished:
                    pending[line.Pid] = line;
                    break;
                case StraceLineKind.Resumed:
                    if (pending.Remove(line.Pid, out var start) && start.Name == line.Name &&
                        StraceLineParser.TryMerge(start, line, out var merged))
                    {
                        yield return merged;
                    }

                    break;
                case StraceLineKind.Exited or StraceLineKind.Killed:
                    // A call cut short by the end of the task never resumes.
                    pending.Remove(line.Pid);
                    yield return line;
                    break;
                case StraceLineKind.Call:
                    yield return line;
                    break;
            }
        }
    }
}
