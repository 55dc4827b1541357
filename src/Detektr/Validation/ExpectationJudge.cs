using System.Globalization;

namespace Detektr.Validation;

/// <summary>Judges expectations over finished runs. Pure: the same runs give the same verdicts.</summary>
internal static class ExpectationJudge
{
    /// <summary>At most this many observations are listed as evidence per verdict; the rest are counted.</summary>
    public const int MaxEvidence = 10;

    public static ExpectationResult Judge(Expectation expectation, MitigationVariant? variant, JudgedRun run, JudgedRun specRun,
        DetectionRuleInfo? rule) => expectation switch
    {
        RuleExpectation r => JudgeRule(r, variant, run, rule),
        BehaviourExpectation b => JudgeBehaviour(b, variant, run),
        PreventionExpectation p => JudgePrevention(p, variant, run, specRun),
        _ => throw new ArgumentException($"unknown expectation {expectation.GetType().Name}", nameof(expectation)),
    };

    private static ExpectationResult JudgeRule(RuleExpectation expectation, MitigationVariant? variant, JudgedRun run, DetectionRuleInfo? rule)
    {
        if (run.Result is null || run.Detections is null || rule is null)
        {
            return Missing(expectation, variant, run);
        }

        var label = run.Summary.Label;
        var sequences = run.Detections.Detections.Where(rule.Produced).Select(d => d.Sequence).Distinct().Order().ToList();
        var ruleText = rule.Level is null ? rule.ToString() : $"{rule} ({rule.Level})";
        var problems = run.Detections.Problems.Take(MaxEvidence).Select(p => new Evidence(label, [], p));
        if (sequences.Count > 0)
        {
            return new ExpectationResult
            {
                Expectation = expectation, Variant = variant, Rule = rule,
                Verdict = expectation.MustFire ? Verdict.Passed : Verdict.Failed,
                Summary = $"{(expectation.MustFire ? "fired" : "fired, but must not,")} on {Count(sequences.Count, "event")}",
                Evidence = [new Evidence(label, sequences, $"matched by {ruleText}")],
            };
        }

        return new ExpectationResult
        {
            Expectation = expectation, Variant = variant, Rule = rule,
            Verdict = expectation.MustFire ? Verdict.Failed : Verdict.Passed,
            Summary = $"did not fire on any of the run's {Count(run.Summary.Events, "event")}",
            Evidence = [new Evidence(label, [], $"no match of {ruleText}"), .. problems],
        };
    }

    private static ExpectationResult JudgeBehaviour(BehaviourExpectation expectation, MitigationVariant? variant, JudgedRun run)
    {
        if (run.Result is null)
        {
            return Missing(expectation, variant, run);
        }

        var label = run.Summary.Label;
        var observed = expectation.Behaviour.Observe(run.Result);
        var counted = observed.Where(o => expectation.Behaviour.Outcome.Accepts(o.Outcome)).ToList();
        var others = observed.Where(o => !expectation.Behaviour.Outcome.Accepts(o.Outcome)).ToList();
        if (counted.Count > 0)
        {
            return new ExpectationResult
            {
                Expectation = expectation, Variant = variant,
                Verdict = expectation.MustOccur ? Verdict.Passed : Verdict.Failed,
                Summary = expectation.MustOccur ? $"occurred {Times(counted.Count)}" : $"occurred {Times(counted.Count)}, but must not",
                Evidence = List(label, counted),
            };
        }

        var nearMisses = others.Count == 0
            ? "nothing matching was recorded"
            : $"{Count(others.Count, "matching attempt")} with another outcome ({string.Join(", ", others.Select(o => o.Outcome).Distinct())})";
        return new ExpectationResult
        {
            Expectation = expectation, Variant = variant,
            Verdict = expectation.MustOccur ? Verdict.Failed : Verdict.Passed,
            Summary = $"did not occur: {nearMisses}",
            Evidence = List(label, others),
        };
    }

    private static ExpectationResult JudgePrevention(PreventionExpectation expectation, MitigationVariant? variant, JudgedRun run, JudgedRun specRun)
    {
        if (run.Result is null)
        {
            return Missing(expectation, variant, run);
        }

        if (specRun.Result is null)
        {
            return Missing(expectation, variant, specRun);
        }

        var baseline = expectation.Behaviour.Observe(specRun.Result).Where(o => o.Succeeded).ToList();
        var observed = expectation.Behaviour.Observe(run.Result);
        var succeeded = observed.Where(o => o.Succeeded).ToList();
        var attempts = observed.Where(o => !o.Succeeded).ToList();
        var label = run.Summary.Label;
        var evidence = List(specRun.Summary.Label, baseline).Concat(List(label, attempts)).Concat(List(label, succeeded)).ToList();
        string summary;
        Verdict verdict;
        if (succeeded.Count > 0)
        {
            (verdict, summary) = (Verdict.Failed, $"not prevented: it succeeded {Times(succeeded.Count)} with the mitigation");
        }
        else if (baseline.Count == 0)
        {
            (verdict, summary) = (Verdict.Failed, "shows nothing: the behaviour does not occur without the mitigation either");
        }
        else if (attempts.Count == 0)
        {
            (verdict, summary) = (Verdict.Failed, "not shown attempted: with the mitigation no refused attempt was recorded, so the run cannot show that the control stopped it");
        }
        else
        {
            var outcomes = string.Join(", ", attempts.Select(a => a.Outcome).Distinct());
            (verdict, summary) = (Verdict.Passed,
                $"prevented: attempted {Times(attempts.Count)} and refused ({outcomes}); without the mitigation it succeeded {Times(baseline.Count)}");
        }

        return new ExpectationResult { Expectation = expectation, Variant = variant, Verdict = verdict, Summary = summary, Evidence = evidence };
    }

    private static ExpectationResult Missing(Expectation expectation, MitigationVariant? variant, JudgedRun run) => new()
    {
        Expectation = expectation, Variant = variant, Verdict = Verdict.Error,
        Summary = $"not judged: the {(run.Summary.Variant is null ? "spec's run" : $"run of variant '{run.Summary.Label}'")} did not happen: {run.Summary.Problem ?? "unknown reason"}",
    };

    private static List<Evidence> List(string label, List<Observation> observations)
    {
        var evidence = observations.Take(MaxEvidence).Select(o => new Evidence(label, o.Sequences, o.Detail)).ToList();
        if (observations.Count > MaxEvidence)
        {
            var rest = observations.Skip(MaxEvidence).SelectMany(o => o.Sequences).ToList();
            evidence.Add(new Evidence(label, rest, $"and {observations.Count - MaxEvidence} more"));
        }

        return evidence;
    }

    private static string Times(int count) => count == 1 ? "once" : count.ToString(CultureInfo.InvariantCulture) + " times";

    private static string Count(long count, string noun) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + noun + (count == 1 ? string.Empty : "s");
}
