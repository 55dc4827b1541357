using Detektr.Validation;

namespace Detektr.Tests.Validation;

[Collection(KitchenSinkGroup.Name)]
public sealed class ExpectationTests(KitchenSinkRun run)
{
    private ExpectationResult Result(string name) => run.Report.Result(name);

    [Theory]
    [InlineData("fires 'Test Uname Executed'", Verdict.Passed, "fired on 1 event")]
    [InlineData("fires '0b6a3c2e-5d1f-4a8e-9c77-1f2e3d4c5b02'", Verdict.Failed, "did not fire on any of the run's")]
    [InlineData("does not fire 'test never fires'", Verdict.Passed, "did not fire")]
    [InlineData("does not fire 'Test Cron Write'", Verdict.Failed, "fired, but must not, on 1 event")]
    public void Rule_expectations_pass_and_fail_on_what_the_rules_matched(string name, Verdict verdict, string summary)
    {
        var result = Result(name);

        Assert.Equal(verdict, result.Verdict);
        Assert.StartsWith(summary, result.Summary, StringComparison.Ordinal);
        Assert.NotNull(result.Rule);
    }

    [Fact]
    public void A_fired_rule_shows_the_rule_and_the_events_it_matched()
    {
        var result = Result("fires 'Test Uname Executed'");
        var run1 = run.Report.Specs[0].Runs[0];

        var evidence = Assert.Single(result.Evidence);
        Assert.Equal(Evidence.SpecRun, evidence.Run);
        Assert.Equal("matched by 0b6a3c2e-5d1f-4a8e-9c77-1f2e3d4c5b01 'Test Uname Executed' (low)", evidence.Detail);
        var uname = Assert.Single(Detektr.Events.EventsReader.ReadAll(run1.Directory!).OfType<Detektr.Events.ProcessCreationEvent>(), p => p.Image.EndsWith("/uname", StringComparison.Ordinal));
        Assert.Equal([uname.Sequence.Value], evidence.Sequences);
    }

    [Theory]
    [InlineData("occurs: process image */uname command line uname -a", Verdict.Passed)]
    [InlineData("occurs: process image */perl", Verdict.Failed)]
    [InlineData("does not occur: process image */perl", Verdict.Passed)]
    [InlineData("does not occur: process image */curl", Verdict.Failed)]
    [InlineData("occurs: file create /tmp/dropped.txt by /bin/sh", Verdict.Passed)]
    [InlineData("occurs: file delete /tmp/*", Verdict.Failed)]
    [InlineData("does not occur: file delete /etc/**", Verdict.Passed)]
    [InlineData("does not occur: file any operation /etc/cron.d/*", Verdict.Failed)]
    [InlineData("occurs: connection to c2.example.net:80/tcp", Verdict.Passed)]
    [InlineData("occurs: connection to *:4444", Verdict.Failed)]
    [InlineData("does not occur: connection to 198.51.100.*:*", Verdict.Passed)]
    [InlineData("does not occur: connection to *.example.net:*", Verdict.Failed)]
    [InlineData("occurs: dns query c2.example.net", Verdict.Passed)]
    [InlineData("occurs: dns query c2.example.net (unanswered)", Verdict.Passed)]
    [InlineData("does not occur: dns query *.onion", Verdict.Passed)]
    [InlineData("occurs: http GET c2.example.net/beacon?id=*", Verdict.Passed)]
    [InlineData("occurs: http POST */*", Verdict.Failed)]
    [InlineData("does not occur: http * c2.example.net/*", Verdict.Failed)]
    [InlineData("occurs: persistence T1053", Verdict.Passed)]
    [InlineData("occurs: persistence T1543.002", Verdict.Failed)]
    [InlineData("does not occur: persistence T1098.004", Verdict.Passed)]
    [InlineData("does not occur: persistence T1053.003 at /etc/cron.d/job", Verdict.Failed)]
    public void Behaviour_expectations_of_every_kind_hold_or_fail_on_the_recorded_events(string name, Verdict verdict) =>
        Assert.Equal(verdict, Result(name).Verdict);

    [Fact]
    public void A_behaviour_that_occurred_names_the_events_behind_it()
    {
        var file = Result("occurs: file create /tmp/dropped.txt by /bin/sh");
        var connection = Result("occurs: connection to c2.example.net:80/tcp");
        var persistence = Result("does not occur: persistence T1053.003 at /etc/cron.d/job");

        Assert.Equal("occurred once", file.Summary);
        var dropped = Assert.Single(file.Evidence);
        Assert.Single(dropped.Sequences);
        Assert.Equal("/tmp/dropped.txt create by /bin/sh (success)", dropped.Detail);
        Assert.Matches(@"^tcp c2\.example\.net \(10\.99\.0\.1\):80 by /usr/bin/curl \(success\)$", Assert.Single(connection.Evidence).Detail);
        Assert.Equal("occurred once, but must not", persistence.Summary);
        Assert.StartsWith("T1053.003 Scheduled Task/Job: Cron: /etc/cron.d/job created", Assert.Single(persistence.Evidence).Detail, StringComparison.Ordinal);
        Assert.NotEmpty(Assert.Single(persistence.Evidence).Sequences);
    }

    [Fact]
    public void A_behaviour_that_did_not_occur_says_nothing_matched()
    {
        var result = Result("occurs: process image */perl");

        Assert.Equal("did not occur: nothing matching was recorded", result.Summary);
        Assert.Empty(result.Evidence);
    }

    [Fact]
    public void The_run_directory_gets_the_detections_of_the_rules()
    {
        var spec = run.Report.Specs[0];
        var directory = spec.Runs[0].Directory!;

        var detections = DetectionsLog.ReadAll(directory);

        Assert.Equal(spec.Runs[0].Detections, detections.Count);
        var uname = Assert.Single(detections, d => d.Title == "Test Uname Executed");
        Assert.Equal((spec.Runs[0].RunId, "0b6a3c2e-5d1f-4a8e-9c77-1f2e3d4c5b01", "low"), (uname.RunId, uname.RuleId, uname.Level));
        Assert.Equal(["attack.discovery", "attack.t1082"], uname.Tags);
        Assert.Contains(detections, d => d.Title == "Test Cron Write");
        Assert.Equal(detections.OrderBy(d => d.Sequence).Select(d => d.Sequence), detections.Select(d => d.Sequence));
    }

    [Fact]
    public void The_report_counts_what_passed_and_failed()
    {
        var spec = Assert.Single(run.Report.Specs);

        Assert.False(run.Report.Passed);
        Assert.Equal(26, run.Report.Expectations);
        Assert.Equal(12, run.Report.Failures);
        Assert.Equal(0, run.Report.Errors);
        Assert.Equal("exited", Assert.Single(spec.Runs).Termination);
    }
}
