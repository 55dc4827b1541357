using Detektr.Cli.Sigma;
using Detektr.Detonation;
using Detektr.Tests.TestSupport;
using Detektr.Validation;

namespace Detektr.Tests.Validation;

/// <summary>Before anything runs, every rule a spec names must be exactly one loaded rule.</summary>
public sealed class RunnerCheckTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private IReadOnlyList<SpecProblem> Check(string fire, string? defaultRules = null)
    {
        var spec = ValidationHarness.Spec(_directory, "check.yml", $"name: c\ncommand: [/bin/true]\nexpect:\n  fire: [{fire}]\n");
        using var detonator = new Detonator(new DetonatorOptions { RunsDirectory = Path.Combine(_directory.Path, "runs") });
        var runner = new ValidationRunner(detonator, new SigmaDetectionEngine(), new ValidationRunnerOptions { DefaultRulesDirectory = defaultRules });
        return runner.Check([spec]);
    }

    [Fact]
    public void A_rule_named_by_id_or_by_title_in_any_case_resolves() =>
        Assert.Empty(Check("'0B6A3C2E-5D1F-4A8E-9C77-1F2E3D4C5B01', test uname executed", ValidationHarness.TestRules));

    [Fact]
    public void An_unknown_rule_is_a_problem_at_its_line()
    {
        var problem = Assert.Single(Check("No Such Rule", ValidationHarness.TestRules));

        Assert.Equal((4, 10), (problem.Location.Line, problem.Location.Column));
        Assert.StartsWith("no rule has the id or title 'No Such Rule' among the 5 rules loaded from", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_title_shared_by_two_rules_must_be_named_by_id()
    {
        var problem = Assert.Single(Check("Test Twin", ValidationHarness.TestRules));

        Assert.StartsWith("'Test Twin' names 2 rules", problem.Message, StringComparison.Ordinal);
        Assert.EndsWith("name one by its id", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rule_that_did_not_load_is_named_with_the_reason()
    {
        var problem = Assert.Single(Check("Test Counted Logins", ValidationHarness.TestRules));

        Assert.Contains("rule 'Test Counted Logins' did not load (", problem.Message, StringComparison.Ordinal);
        Assert.Contains("UnsupportedFeature", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rule_expectations_without_any_rules_are_a_problem()
    {
        var problem = Assert.Single(Check("Test Uname Executed"));

        Assert.Contains("rule expectations need rules", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_detections_log_keeps_every_field_through_a_round_trip()
    {
        DetectionRecord[] records =
        [
            new() { RunId = "r", RuleId = "id-1", Title = "One", Level = "high", Tags = ["attack.t1053.003"], Sequence = 3 },
            new() { RunId = "r", Title = "No id", Sequence = 4 },
        ];

        DetectionsLog.Write(_directory.Path, records);

        var lines = File.ReadAllLines(Path.Combine(_directory.Path, DetectionsLog.FileName));
        Assert.Equal("""{"RunId":"r","RuleId":"id-1","Title":"One","Level":"high","Tags":["attack.t1053.003"],"Sequence":3}""", lines[0]);
        Assert.Equal("""{"RunId":"r","Title":"No id","Tags":[],"Sequence":4}""", lines[1]);
        Assert.Equal(records, DetectionsLog.ReadAll(_directory.Path), new DetectionComparer());
    }

    private sealed class DetectionComparer : IEqualityComparer<DetectionRecord>
    {
        public bool Equals(DetectionRecord? x, DetectionRecord? y) =>
            x is not null && y is not null && (x with { Tags = [] }) == (y with { Tags = [] }) && x.Tags.SequenceEqual(y.Tags);

        public int GetHashCode(DetectionRecord obj) => obj.Sequence.GetHashCode();
    }
}
