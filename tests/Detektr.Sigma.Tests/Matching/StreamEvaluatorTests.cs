using Detektr.Sigma.Events;
using Detektr.Sigma.Loading;
using Detektr.Sigma.Matching;
using Detektr.Sigma.Rules;

namespace Detektr.Sigma.Tests.Matching;

public sealed class StreamEvaluatorTests
{
    private static readonly CompiledRuleSet LinuxRules = SigmaRuleLoader.LoadDirectory(Rules.TestData("rules")).Compile();

    [Fact]
    public void Reports_per_rule_the_sequences_of_the_events_it_matched()
    {
        SigmaStreamResult result = SigmaStreamEvaluator.EvaluateJsonLinesFile(LinuxRules, Rules.TestData("events.jsonl"));

        Assert.Equal(20, result.Events);
        Assert.Empty(result.InputErrors);
        var fired = result.Fired.ToDictionary(r => r.Rule.Title, r => r.MatchedSequences.ToArray());
        Assert.Equal(new Dictionary<string, long[]>
        {
            ["Download Piped Into a Shell"] = [2],
            ["Base64 Decoded Payload Run by a Shell"] = [6],
            ["Crontab Installed From a File or Standard Input"] = [4],
            ["System Discovery Commands"] = [3],
            ["Reverse Shell Command Line"] = [7],
            ["Local Account Created"] = [17],
            ["Write to ld.so.preload"] = [11],
            ["SSH Authorized Keys Modified"] = [12],
            ["Shell History Deleted"] = [13],
            ["Shell Opening an Outbound Connection"] = [8],
            ["DNS Query for a Tunnelling Service"] = [10],
            ["Systemd Unit Written"] = [16],
            ["Shell Profile Modified"] = [14],
        }, fired);
        Assert.Equal(LinuxRules.Rules.Count, result.Rules.Count);
    }

    [Fact]
    public void Counts_only_events_of_the_rule_type_and_its_log_source_conditions_as_applicable()
    {
        SigmaStreamResult result = SigmaStreamEvaluator.EvaluateJsonLinesFile(LinuxRules, Rules.TestData("events.jsonl"));

        Assert.Equal(9, result.Find("Reverse Shell Command Line")!.ApplicableEvents);
        Assert.Equal(7, result.Find("Write to ld.so.preload")!.ApplicableEvents);
        Assert.Equal(2, result.Find("a1b2c3d4-e5f6-4a7b-8c8d-9eafb0c1d291")!.ApplicableEvents);
        Assert.Equal(1, result.Find("DNS Query for a Tunnelling Service")!.ApplicableEvents);
    }

    [Fact]
    public void Unreadable_lines_and_events_without_sequence_are_reported_and_the_rest_evaluated()
    {
        string lines = string.Join('\n',
            """{"EventType":"process_creation","Sequence":9,"Image":"/usr/bin/whoami"}""",
            "not json at all",
            "",
            "[1, 2]",
            """{"EventType":"process_creation","Image":"/usr/bin/id"}""");

        SigmaStreamResult result = SigmaStreamEvaluator.EvaluateJsonLines(LinuxRules, new StringReader(lines));

        Assert.Equal(2, result.Events);
        Assert.Collection(result.InputErrors,
            e => Assert.Equal((2L, true), (e.Line, e.Message.StartsWith("not JSON", StringComparison.Ordinal))),
            e => Assert.Equal((4L, true), (e.Line, e.Message.Contains("must be a JSON object", StringComparison.Ordinal))),
            e => Assert.Equal((5L, true), (e.Line, e.Message.Contains("no integer Sequence", StringComparison.Ordinal))));
        Assert.Equal([9L, 5L], result.Find("System Discovery Commands")!.MatchedSequences);
    }

    [Fact]
    public void Names_the_fields_a_rule_reads_that_no_event_of_its_type_carried()
    {
        SigmaRule rule = Rules.Load("""
            selection:
                Image|endswith: '/sh'
                IntegrityLevel: High
            condition: selection
            """);
        var set = new CompiledRuleSet([rule]);

        SigmaStreamResult result = SigmaStreamEvaluator.Evaluate(set, [Rules.Process(("Image", "/bin/sh"))]);

        SigmaRuleStreamResult only = Assert.Single(result.Rules);
        Assert.False(only.Fired);
        Assert.Equal(["IntegrityLevel"], only.FieldsNeverPresent);
    }

    [Fact]
    public void A_regular_expression_past_its_time_limit_is_an_error_not_a_silent_miss()
    {
        var options = SigmaLoadOptions.Default with { RegexTimeout = TimeSpan.FromMilliseconds(20) };
        SigmaRule rule = Rules.Load("""
            selection:
                CommandLine|re: '^(?=(a+)+$)b'
            condition: selection
            """, options: options);
        var set = new CompiledRuleSet([rule]);
        SigmaEvent evt = Rules.Process(("CommandLine", new string('a', 40) + "!"));

        Assert.Equal(SigmaOutcome.Error, rule.Evaluate(evt).Outcome);
        Assert.Contains("ran longer than 20 ms", rule.Evaluate(evt).Error, StringComparison.Ordinal);
        var errors = new List<SigmaRuleError>();
        Assert.Equal(0, set.Match(evt, new List<SigmaRule>(), errors));
        Assert.Single(errors);

        SigmaStreamResult result = SigmaStreamEvaluator.Evaluate(set, [evt]);
        SigmaStreamError error = Assert.Single(result.Rules[0].Errors);
        Assert.Equal(1, error.Sequence);
        Assert.True(set.EvaluationErrors >= 2);
    }
}
