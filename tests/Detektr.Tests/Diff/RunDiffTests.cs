using Detektr.Diff;
using Detektr.Events;
using Detektr.Runs;
using Detektr.Tests.Query;

namespace Detektr.Tests.Diff;

[Collection(DetonatedRunsGroup.Name)]
public sealed class RunDiffTests(DetonatedRuns runs)
{
    internal static string Describe(RunDiffReport report) =>
        string.Join("\n", report.Differences.Select(d => $"{d.Kind} {d.Key}: {Outcomes(d.InA) ?? "-"} / {Outcomes(d.InB) ?? "-"}"));

    private static BehaviourDifference Find(RunDiffReport report, BehaviourCategory category, string description) =>
        Assert.Single(report.Differences, d => d.Key == new BehaviourKey(category, description));

    private static (DifferenceKind, string?, string?) Shape(BehaviourDifference difference) =>
        (difference.Kind, Outcomes(difference.InA), Outcomes(difference.InB));

    private static string? Outcomes(ObservedBehaviour? behaviour) => behaviour is null ? null : string.Join(", ", behaviour.Outcomes);

    [Fact]
    public void Two_runs_of_the_same_script_are_identical_despite_random_names_pids_and_times()
    {
        var report = RunDiff.Compare(runs.Sinkhole.Directory, runs.SinkholeAgain.Directory);

        Assert.True(report.Identical, Describe(report));
        Assert.Empty(report.SetupDifferences);
        Assert.Contains(report.Categories, t => t.Category == BehaviourCategory.FileChange && t.Same > 0 && t.InA == t.InB);
        Assert.Contains(RunBehaviours.Read(runs.Sinkhole.Directory).Behaviours.Keys,
            k => k == new BehaviourKey(BehaviourCategory.FileOperation, "create /tmp/job.*"));
    }

    [Fact]
    public void A_mitigation_shows_the_attempts_with_changed_outcomes_and_what_no_longer_happened()
    {
        var report = RunDiff.Compare(runs.Sinkhole.Directory, runs.Mitigated.Directory);

        Assert.False(report.Identical);
        Assert.Equal(["read-only paths: none -> /etc/cron.d", "denied system calls: none -> connect"], report.SetupDifferences);
        Assert.Equal((DifferenceKind.OutcomeChanged, "success", "EPERM"), Shape(Find(report, BehaviourCategory.Network, "tcp 198.51.100.7:443")));
        Assert.Equal((DifferenceKind.OutcomeChanged, "success", "EROFS"), Shape(Find(report, BehaviourCategory.FileOperation, "create /etc/cron.d/job")));
        Assert.Equal(DifferenceKind.OnlyInA, Find(report, BehaviourCategory.Persistence, "T1053.003 /etc/cron.d/job").Kind);
        Assert.Equal(DifferenceKind.OnlyInA, Find(report, BehaviourCategory.FileChange, "created /etc/cron.d/job").Kind);
        Assert.Equal(DifferenceKind.OnlyInA, Find(report, BehaviourCategory.Http, "GET c2.example.net/beacon?id=7").Kind);
        Assert.Equal(DifferenceKind.OnlyInB, Find(report, BehaviourCategory.BlockedSyscall, "connect by /usr/bin/python3").Kind);
        Assert.DoesNotContain(report.Differences, d => d.Key.Category == BehaviourCategory.ExitStatus);
        Assert.DoesNotContain(report.Differences, d => d.Key.Description.Contains("/tmp/out/report.txt", StringComparison.Ordinal));
    }

    [Fact]
    public void No_network_changes_connections_and_answers_but_not_the_resolver_traffic()
    {
        var report = RunDiff.Compare(runs.Sinkhole.Directory, runs.NoNetwork.Directory);

        Assert.Equal(["network: sinkhole -> none"], report.SetupDifferences);
        Assert.Equal((DifferenceKind.OutcomeChanged, "success", "ENETUNREACH"), Shape(Find(report, BehaviourCategory.Network, "tcp 198.51.100.7:443")));
        Assert.Equal((DifferenceKind.OutcomeChanged, "answered 10.99.0.1", "no answer"), Shape(Find(report, BehaviourCategory.Dns, "A c2.example.net")));
        Assert.Equal(DifferenceKind.OnlyInA, Find(report, BehaviourCategory.Network, "tcp c2.example.net:80").Kind);
        Assert.DoesNotContain(report.Differences, d => d.Key.Description.StartsWith($"udp {RunBehaviours.ResolverDescription}:53", StringComparison.Ordinal));
    }

    [Fact]
    public void The_tallies_add_up_to_the_differences()
    {
        var report = RunDiff.Compare(runs.NoNetwork.Directory, runs.Mitigated.Directory);

        Assert.Equal(report.Differences.Count, report.Categories.Sum(t => t.OnlyInA + t.OnlyInB + t.OutcomeChanged));
        Assert.All(report.Categories, t => Assert.Equal(t.InA + t.OnlyInB, t.Same + t.OnlyInA + t.OnlyInB + t.OutcomeChanged));
        Assert.All(report.Categories, t => Assert.Equal(t.InB + t.OnlyInA, t.Same + t.OnlyInA + t.OnlyInB + t.OutcomeChanged));
    }

    [Fact]
    public void A_diff_is_symmetric_up_to_the_sides()
    {
        var forward = RunDiff.Compare(runs.Sinkhole.Directory, runs.Mitigated.Directory);
        var backward = RunDiff.Compare(runs.Mitigated.Directory, runs.Sinkhole.Directory);

        static DifferenceKind Swap(DifferenceKind kind) => kind switch
        {
            DifferenceKind.OnlyInA => DifferenceKind.OnlyInB,
            DifferenceKind.OnlyInB => DifferenceKind.OnlyInA,
            _ => kind,
        };

        Assert.Equal(forward.Differences.Select(d => (d.Key, Swap(d.Kind))), backward.Differences.Select(d => (d.Key, d.Kind)));
    }

    [Fact]
    public void Random_names_the_normalizer_cannot_tell_from_words_still_pair_up_one_to_one()
    {
        static FileEvent Create(string path, string outcome = FileEvent.Succeeded) => new()
        {
            RunId = new RunId("r"), UtcTime = DateTimeOffset.UnixEpoch, Operation = FileOperation.Create, TargetFilename = path,
            Image = "/bin/sh", ProcessId = 2, Outcome = outcome,
        };
        var manifest = runs.NoNetwork.Manifest;
        var a = RunBehaviours.From("a", manifest, [Create("/tmp/job.qwerty"), Create("/tmp/out/report.txt"), Create("/tmp/x.asdfgh")], []);
        var b = RunBehaviours.From("b", manifest, [Create("/tmp/job.zxcvbn", "EACCES"), Create("/tmp/out/result.txt"), Create("/tmp/x.Qwerty"), Create("/tmp/x.Zxcvbn")], []);

        var report = RunDiff.Compare(a, b);

        Assert.Equal(
            [("create /tmp/job.qwerty", DifferenceKind.OnlyInA), ("create /tmp/job.zxcvbn", DifferenceKind.OnlyInB),
             ("create /tmp/out/report.txt", DifferenceKind.OnlyInA), ("create /tmp/out/result.txt", DifferenceKind.OnlyInB),
             ("create /tmp/x.Qwerty", DifferenceKind.OnlyInB), ("create /tmp/x.Zxcvbn", DifferenceKind.OnlyInB),
             ("create /tmp/x.asdfgh", DifferenceKind.OnlyInA)],
            report.Differences.Select(d => (d.Key.Description, d.Kind)));
        var c = RunBehaviours.From("c", manifest, [Create("/tmp/job.Zxcvbn", "EACCES")], []);
        var paired = Assert.Single(RunDiff.Compare(RunBehaviours.From("a", manifest, [Create("/tmp/job.qwerty")], []), c).Differences);
        Assert.Equal(("create /tmp/job.*", DifferenceKind.OutcomeChanged), (paired.Key.Description, paired.Kind));
    }

    [Fact]
    public void A_run_without_event_and_change_logs_still_compares_by_its_manifest()
    {
        using var store = new HandWrittenStore();
        var bare = store.Run("bare", ("manifest.json", File.ReadAllText(Path.Combine(runs.NoNetwork.Directory, "manifest.json"))));

        var report = RunDiff.Compare(bare, runs.NoNetwork.Directory);

        Assert.Empty(report.SetupDifferences);
        Assert.DoesNotContain(report.Differences, d => d.Kind != DifferenceKind.OnlyInB);
        Assert.Contains(report.Differences, d => d.Key == new BehaviourKey(BehaviourCategory.Process, "/usr/bin/mktemp mktemp /tmp/job.XXXXXX"));
        Assert.DoesNotContain(report.Differences, d => d.Key.Category is BehaviourCategory.Persistence or BehaviourCategory.ExitStatus);
    }

    [Fact]
    public void A_malformed_event_log_is_reported_with_the_file_and_line()
    {
        using var store = new HandWrittenStore();
        var broken = store.Run("broken", ("manifest.json", File.ReadAllText(Path.Combine(runs.NoNetwork.Directory, "manifest.json"))), ("events.jsonl", "{\"RunId\":1}\n"));

        var error = Assert.Throws<FormatException>(() => RunBehaviours.Read(broken));

        Assert.Contains(Path.Combine(broken, "events.jsonl"), error.Message, StringComparison.Ordinal);
        Assert.Contains("line 1", error.Message, StringComparison.Ordinal);
    }
}
