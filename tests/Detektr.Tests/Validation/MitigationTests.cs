using Detektr.Tests.TestSupport;
using Detektr.Validation;

namespace Detektr.Tests.Validation;

/// <summary>Mitigation variants rerun one artifact with a control applied: each must show the behaviour
/// attempted and refused, and it must have happened without the control. One spec with several variants
/// runs all of them at once.</summary>
public sealed class MitigationTests : IAsyncLifetime
{
    private const string Yaml = """
        name: mitigations
        script: |
          #!/bin/sh
          echo '* * * * * root true' > /etc/cron.d/job
          bash -c 'echo hi > /dev/tcp/198.51.100.7/8443' 2>/dev/null
          curl -s -m 3 -o /dev/null http://dl.example.net/x
          if [ "$SAFE_MODE" != 1 ]; then echo x > /tmp/unsafe; fi
          true
        sandbox:
          network: sinkhole
          timeout: 20
        expect:
          occur:
            - connection: {host: 198.51.100.7, port: 8443}
        mitigations:
          - name: cron.d read-only
            read_only: [/etc/cron.d]
            prevented:
              - file: /etc/cron.d/*
              - persistence: T1053.003
            expect:
              fire: [Test Cron Write]
          - name: connect denied
            deny_syscalls: [connect]
            prevented:
              - connection: {host: 198.51.100.7, port: 8443}
          - name: no network
            network: none
            prevented:
              - connection: {host: 198.51.100.7, port: 8443}
              - connection: {host: dl.example.net, port: 80}
              - dns: dl.example.net
          - name: safe mode
            env: {SAFE_MODE: "1"}
            prevented:
              - file: /tmp/unsafe
            expect:
              not_occur:
                - file: /tmp/unsafe
          - name: wrong control
            read_only: [/etc/systemd/system]
            prevented:
              - file: /etc/cron.d/*
          - name: nothing to prevent
            read_only: [/etc/cron.d]
            prevented:
              - file: {path: /etc/shadow, operation: write}
        """;

    private readonly TemporaryDirectory _directory = new();
    private ValidationReport _report = null!;

    public async ValueTask InitializeAsync()
    {
        var spec = ValidationHarness.Spec(_directory, "mitigations.yml", Yaml);
        // A variant whose sandbox cannot be built as asked (the reader would refuse it; built in code here).
        var impossible = new MitigationVariant
        {
            Name = "impossible",
            Location = SpecLocation.InFile(spec.File),
            Controls = new MitigationControls { ReadOnlyPaths = ["/no/such/path"] },
            Expectations = [new PreventionExpectation { Behaviour = new FileBehaviour { Path = PathGlob.Parse("/etc/cron.d/*") }, Location = SpecLocation.InFile(spec.File) }],
        };
        _report = await ValidationHarness.RunAsync(_directory, spec with { Mitigations = [.. spec.Mitigations, impossible] });
    }

    public ValueTask DisposeAsync()
    {
        _directory.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public void A_read_only_path_prevents_the_write_and_the_persistence_while_the_attempt_is_recorded()
    {
        var file = _report.Result("[cron.d read-only] prevents: file any operation /etc/cron.d/*");
        var persistence = _report.Result("[cron.d read-only] prevents: persistence T1053.003");

        Assert.Equal(Verdict.Passed, file.Verdict);
        Assert.Equal("prevented: attempted once and refused (EROFS); without the mitigation it succeeded once", file.Summary);
        Assert.Equal(["spec", "cron.d read-only"], file.Evidence.Select(e => e.Run));
        Assert.Equal("/etc/cron.d/job create by /bin/sh (success)", file.Evidence[0].Detail);
        Assert.Equal("/etc/cron.d/job create by /bin/sh (EROFS)", file.Evidence[1].Detail);
        Assert.Equal(Verdict.Passed, persistence.Verdict);
        Assert.StartsWith("T1053.003 Scheduled Task/Job: Cron: /etc/cron.d/job create by /bin/sh (EROFS)", persistence.Evidence[1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_detection_still_fires_on_the_refused_attempt()
    {
        var result = _report.Result("[cron.d read-only] fires 'Test Cron Write'");

        Assert.Equal(Verdict.Passed, result.Verdict);
        Assert.Equal("cron.d read-only", Assert.Single(result.Evidence).Run);
    }

    [Fact]
    public void A_denied_connect_prevents_the_connection_and_the_attempt_fails_with_EPERM()
    {
        var result = _report.Result("[connect denied] prevents: connection to 198.51.100.7:8443");

        Assert.Equal(Verdict.Passed, result.Verdict);
        Assert.Contains("refused (EPERM)", result.Summary, StringComparison.Ordinal);
        Assert.Equal("tcp 198.51.100.7:8443 by /usr/bin/bash (EPERM)", result.Evidence.Single(e => e.Run == "connect denied").Detail);
    }

    [Fact]
    public void No_network_prevents_connections_to_addresses_and_names_and_leaves_questions_unanswered()
    {
        var address = _report.Result("[no network] prevents: connection to 198.51.100.7:8443");
        var name = _report.Result("[no network] prevents: connection to dl.example.net:80");
        var dns = _report.Result("[no network] prevents: dns query dl.example.net");

        Assert.Equal((Verdict.Passed, Verdict.Passed, Verdict.Passed), (address.Verdict, name.Verdict, dns.Verdict));
        Assert.Contains("(ENETUNREACH)", address.Summary, StringComparison.Ordinal);
        Assert.Contains("(unresolved)", name.Summary, StringComparison.Ordinal);
        Assert.Equal("dl.example.net looked up (no answer) but never connected to", name.Evidence.Single(e => e.Run == "no network").Detail);
        Assert.Contains("(unanswered)", dns.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void An_environment_variable_control_reaches_the_artifact()
    {
        Assert.Equal(Verdict.Passed, _report.Result("[safe mode] does not occur: file any operation /tmp/unsafe").Verdict);
    }

    [Fact]
    public void A_behaviour_that_is_never_attempted_is_not_shown_prevented()
    {
        var result = _report.Result("[safe mode] prevents: file any operation /tmp/unsafe");

        Assert.Equal(Verdict.Failed, result.Verdict);
        Assert.StartsWith("not shown attempted", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_control_that_does_not_stop_the_behaviour_fails_with_the_successful_events()
    {
        var result = _report.Result("[wrong control] prevents: file any operation /etc/cron.d/*");

        Assert.Equal(Verdict.Failed, result.Verdict);
        Assert.Equal("not prevented: it succeeded once with the mitigation", result.Summary);
        Assert.Equal("/etc/cron.d/job create by /bin/sh (success)", result.Evidence.Single(e => e.Run == "wrong control").Detail);
    }

    [Fact]
    public void Preventing_what_never_happens_shows_nothing()
    {
        var result = _report.Result("[nothing to prevent] prevents: file write /etc/shadow");

        Assert.Equal(Verdict.Failed, result.Verdict);
        Assert.StartsWith("shows nothing", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_variant_that_cannot_run_leaves_its_expectations_unjudged()
    {
        var result = _report.Result("[impossible] prevents: file any operation /etc/cron.d/*");
        var run = _report.Specs[0].Runs.Single(r => r.Label == "impossible");

        Assert.Equal(Verdict.Error, result.Verdict);
        Assert.Contains("the run of variant 'impossible' did not happen: read-only path '/no/such/path' does not exist", result.Summary, StringComparison.Ordinal);
        Assert.Null(run.Directory);
    }

    [Fact]
    public void Each_variant_is_its_own_run_and_the_spec_run_comes_first()
    {
        var runs = _report.Specs[0].Runs;

        Assert.Equal(["spec", "cron.d read-only", "connect denied", "no network", "safe mode", "wrong control", "nothing to prevent", "impossible"], runs.Select(r => r.Label));
        Assert.Equal(7, runs.Select(r => r.Directory).OfType<string>().Distinct().Count());
        Assert.All(runs.Where(r => r.Directory is not null), r => Assert.True(File.Exists(Path.Combine(r.Directory!, DetectionsLog.FileName))));
    }
}
