using Detektr.Runs;

namespace Detektr.Diff;

/// <summary>Compares the behaviours of two runs (see <see cref="RunBehaviours"/>): a behaviour is the
/// same when both runs showed it with the same set of outcomes, however often and in whichever
/// order; it differs when only one run showed it or the outcomes differ.</summary>
public static class RunDiff
{
    /// <summary>Reads two run directories and compares them. Throws as <see cref="RunBehaviours.Read"/> does.</summary>
    public static RunDiffReport Compare(string runDirectoryA, string runDirectoryB) =>
        Compare(RunBehaviours.Read(runDirectoryA), RunBehaviours.Read(runDirectoryB));

    /// <summary>Compares the behaviours of run A with those of run B.</summary>
    public static RunDiffReport Compare(RunBehaviours a, RunBehaviours b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var differences = new List<BehaviourDifference>();
        var tallies = new List<CategoryTally>();
        foreach (var category in Enum.GetValues<BehaviourCategory>())
        {
            int inA = 0, inB = 0, same = 0, onlyA = 0, onlyB = 0, changed = 0;
            foreach (var (key, left, right) in Pair(category, a, b))
            {
                inA += left is null ? 0 : 1;
                inB += right is null ? 0 : 1;
                if (left is null)
                {
                    onlyB++;
                    differences.Add(new BehaviourDifference(key, DifferenceKind.OnlyInB, null, right));
                }
                else if (right is null)
                {
                    onlyA++;
                    differences.Add(new BehaviourDifference(key, DifferenceKind.OnlyInA, left, null));
                }
                else if (!left.Outcomes.SequenceEqual(right.Outcomes, StringComparer.Ordinal))
                {
                    changed++;
                    differences.Add(new BehaviourDifference(key, DifferenceKind.OutcomeChanged, left, right));
                }
                else
                {
                    same++;
                }
            }

            tallies.Add(new CategoryTally(category, inA, inB, same, onlyA, onlyB, changed));
        }

        return new RunDiffReport
        {
            A = Side(a),
            B = Side(b),
            SetupDifferences = SetupDifferences(a.Manifest, b.Manifest),
            Categories = tallies,
            Differences = differences,
        };
    }

    /// <summary>The behaviours of one category matched across the runs: first by key, then the keys
    /// left over that differ only in a random temporary name (<see cref="BehaviourNormalizer.MergeRandomNames"/>)
    /// when exactly one key of each run fits the other. Sorted by key.</summary>
    private static List<(BehaviourKey Key, ObservedBehaviour? InA, ObservedBehaviour? InB)> Pair(BehaviourCategory category, RunBehaviours a, RunBehaviours b)
    {
        var pairs = new List<(BehaviourKey Key, ObservedBehaviour? InA, ObservedBehaviour? InB)>();
        var onlyA = new List<ObservedBehaviour>();
        var onlyB = new List<ObservedBehaviour>();
        foreach (var left in a.Behaviours.Values.Where(v => v.Key.Category == category))
        {
            if (b.Behaviours.TryGetValue(left.Key, out var right))
            {
                pairs.Add((left.Key, left, right));
            }
            else
            {
                onlyA.Add(left);
            }
        }

        onlyB.AddRange(b.Behaviours.Values.Where(v => v.Key.Category == category && !a.Behaviours.ContainsKey(v.Key)));
        var candidates = onlyA.ToDictionary(
            left => left.Key,
            left => onlyB.Select(right => (Right: right, Merged: BehaviourNormalizer.MergeRandomNames(left.Key.Description, right.Key.Description)))
                .Where(c => c.Merged is not null).ToList());
        var pairedB = new HashSet<BehaviourKey>();
        foreach (var left in onlyA)
        {
            var fits = candidates[left.Key];
            if (fits.Count == 1 && candidates.Values.Count(list => list.Exists(c => c.Right.Key == fits[0].Right.Key)) == 1)
            {
                var key = new BehaviourKey(category, fits[0].Merged!);
                pairs.Add((key, left with { Key = key }, fits[0].Right with { Key = key }));
                pairedB.Add(fits[0].Right.Key);
            }
            else
            {
                pairs.Add((left.Key, left, null));
            }
        }

        pairs.AddRange(onlyB.Where(right => !pairedB.Contains(right.Key)).Select(right => (right.Key, (ObservedBehaviour?)null, (ObservedBehaviour?)right)));
        pairs.Sort((x, y) => x.Key.CompareTo(y.Key));
        return pairs;
    }

    private static RunDiffSide Side(RunBehaviours run)
    {
        var manifest = run.Manifest;
        var ended = run.Behaviours.Values.FirstOrDefault(v => v.Key.Category == BehaviourCategory.ExitStatus) is { Outcomes: [var status, ..] }
            ? status
            : manifest.Termination.Reason;
        return new RunDiffSide(manifest.RunId, run.Directory, string.Join(' ', manifest.Command), manifest.Artifact?.Sha256,
            manifest.Sandbox.Network, ended);
    }

    private static List<string> SetupDifferences(RunManifest a, RunManifest b)
    {
        var notes = new List<string>();
        if (a.Artifact?.Sha256 != b.Artifact?.Sha256)
        {
            notes.Add($"artifact: {a.Artifact?.Sha256 ?? "none (a command)"} -> {b.Artifact?.Sha256 ?? "none (a command)"}");
        }

        Compare(notes, "command", string.Join(' ', a.Command), string.Join(' ', b.Command));
        Compare(notes, "network", a.Sandbox.Network, b.Sandbox.Network);
        Compare(notes, "read-only paths", List(a.Sandbox.ReadOnlyPaths), List(b.Sandbox.ReadOnlyPaths));
        Compare(notes, "denied system calls", List(a.Sandbox.Seccomp.AdditionalDenied), List(b.Sandbox.Seccomp.AdditionalDenied));
        Compare(notes, "environment", List(a.Sandbox.Environment.Select(p => $"{p.Key}={p.Value}")), List(b.Sandbox.Environment.Select(p => $"{p.Key}={p.Value}")));
        Compare(notes, "sensor", a.Sensor.Name, b.Sensor.Name);
        Compare(notes, "working directory", a.Sandbox.WorkingDirectory, b.Sandbox.WorkingDirectory);
        return notes;
    }

    private static void Compare(List<string> notes, string what, string a, string b)
    {
        if (!string.Equals(a, b, StringComparison.Ordinal))
        {
            notes.Add($"{what}: {a} -> {b}");
        }
    }

    private static string List(IEnumerable<string> values)
    {
        var sorted = values.Order(StringComparer.Ordinal).ToList();
        return sorted.Count == 0 ? "none" : string.Join(", ", sorted);
    }
}
