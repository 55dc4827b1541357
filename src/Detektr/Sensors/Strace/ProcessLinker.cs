using System.Globalization;

namespace Detektr.Sensors.Strace;

/// <summary>Works out which task created which. strace prefixes lines with host pids, but a clone() made
/// inside the sandbox returns the child's pid in the sandbox's PID namespace. The two are joined by
/// the child's own <c>set_tid_address</c> (which returns its namespace pid, and which every program
/// calls at start), and otherwise by allocation order, which both namespaces share. strace's own
/// translation (<c>--pidns-translation</c>) scans /proc for every pid and slowed runs eightfold.</summary>
internal static class ProcessLinker
{
    private const string CloneThread = "CLONE_THREAD";
    private const string CloneNewPid = "CLONE_NEWPID";

    /// <summary>The links of every task that appears in the trace, and the first (root) task.</summary>
    internal sealed record Links(int RootPid, IReadOnlyDictionary<int, ProcessLink> ByChild, int Unlinked);

    private readonly record struct Clone(int Caller, long Result, bool IsThread, bool NewPid);

    public static Links Build(IEnumerable<StraceLine> records, int pidMax)
    {
        var firstSeen = new List<int>();
        var seen = new HashSet<int>();
        var clones = new List<Clone>();
        var namespaceTid = new Dictionary<int, long>();
        foreach (var record in records)
        {
            if (seen.Add(record.Pid))
            {
                firstSeen.Add(record.Pid);
            }

            if (record.Kind != StraceLineKind.Call)
            {
                continue;
            }

            switch (record.Name)
            {
                case "clone" or "clone3" or "fork" or "vfork":
                {
                    var result = StraceResult.Parse(record.Result);
                    if (result.Succeeded && result.Value > 0)
                    {
                        var text = record.Text ?? string.Empty;
                        clones.Add(new Clone(record.Pid, result.Value.Value,
                            text.Contains(CloneThread, StringComparison.Ordinal),
                            text.Contains(CloneNewPid, StringComparison.Ordinal)));
                    }

                    break;
                }

                case "set_tid_address":
                {
                    var result = StraceResult.Parse(record.Result);
                    if (result.Succeeded && result.Value > 0)
                    {
                        namespaceTid.TryAdd(record.Pid, result.Value.Value);
                    }

                    break;
                }
            }
        }

        var links = new Dictionary<int, ProcessLink>();
        if (firstSeen.Count == 0)
        {
            return new Links(0, links, 0);
        }

        var root = firstSeen[0];
        var hostSide = new HashSet<int> { root };
        var resolved = new bool[clones.Count];
        int? initHost = null;
        bool progress;
        do
        {
            progress = false;
            for (var i = 0; i < clones.Count; i++)
            {
                var clone = clones[i];
                if (resolved[i] || !hostSide.Contains(clone.Caller) || clone.Result > int.MaxValue)
                {
                    continue;
                }

                // A host-side task's clone returns the child's host pid.
                var child = (int)clone.Result;
                resolved[i] = true;
                progress = true;
                if (clone.NewPid)
                {
                    links[child] = new ProcessLink(clone.Caller, 1, false, true);
                    initHost ??= child;
                }
                else
                {
                    links[child] = new ProcessLink(clone.Caller, null, clone.IsThread, false);
                    hostSide.Add(child);
                }
            }
        }
        while (progress);

        var candidates = firstSeen.Where(pid => !hostSide.Contains(pid) && !links.ContainsKey(pid)).ToList();
        var byNamespacePid = new Dictionary<long, int>();
        foreach (var pid in candidates)
        {
            if (namespaceTid.TryGetValue(pid, out var tid) && !byNamespacePid.TryAdd(tid, pid))
            {
                byNamespacePid[tid] = -1;
            }
        }

        var pendingClones = new List<Clone>();
        for (var i = 0; i < clones.Count; i++)
        {
            if (resolved[i])
            {
                continue;
            }

            var clone = clones[i];
            if (byNamespacePid.TryGetValue(clone.Result, out var child) && child > 0 && !links.ContainsKey(child))
            {
                links[child] = new ProcessLink(clone.Caller, clone.Result, clone.IsThread, false);
            }
            else
            {
                pendingClones.Add(clone);
            }
        }

        // Whatever set_tid_address did not settle is matched by allocation order: both the namespace
        // pids and the host pids of the sandbox grow with time (host pids wrap at pid_max).
        var anchor = initHost ?? root;
        var remainingTasks = candidates.Where(pid => !links.ContainsKey(pid))
            .OrderBy(pid => ((long)pid - anchor + pidMax) % pidMax)
            .ToList();
        var remainingClones = pendingClones.OrderBy(c => c.Result).ToList();
        var pairs = Math.Min(remainingTasks.Count, remainingClones.Count);
        for (var i = 0; i < pairs; i++)
        {
            var clone = remainingClones[i];
            links[remainingTasks[i]] = new ProcessLink(clone.Caller, clone.Result, clone.IsThread, false);
        }

        return new Links(root, links, remainingTasks.Count - pairs);
    }

    /// <summary>The kernel's pid_max, for ordering host pids across a wrap.</summary>
    public static int ReadPidMax()
    {
        try
        {
            var text = File.ReadAllText("/proc/sys/kernel/pid_max").Trim();
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
                ? value
                : 4_194_304;
        }
        catch (IOException)
        {
            return 4_194_304;
        }
    }
}
