using Detektr.Tests.TestSupport;
using Detektr.Validation;

namespace Detektr.Tests.Validation;

/// <summary>One sinkhole run of a script that starts a program, drops a file, installs a cron entry and
/// beacons over HTTP, judged against a positive and a negative expectation of every kind. Shared by the
/// expectation and report tests, so the sandbox runs once.</summary>
public sealed class KitchenSinkRun : IAsyncLifetime
{
    public const string Yaml = """
        name: kitchen sink
        description: Every expectation kind, once holding and once not.
        script: |
          #!/bin/sh
          uname -a > /dev/null
          echo dropped > /tmp/dropped.txt
          echo '* * * * * root true' > /etc/cron.d/job
          curl -s -m 3 -o /dev/null 'http://c2.example.net/beacon?id=7'
        sandbox:
          network: sinkhole
          timeout: 20
        expect:
          fire: [Test Uname Executed, 0b6a3c2e-5d1f-4a8e-9c77-1f2e3d4c5b02]
          not_fire: [test never fires, Test Cron Write]
          occur:
            - process: {image: '*/uname', command_line: 'uname -a'}
            - process: {image: '*/perl'}
            - file: {path: /tmp/dropped.txt, operation: create, image: /bin/sh}
            - file: {path: /tmp/*, operation: delete}
            - connection: {host: c2.example.net, port: 80, protocol: tcp}
            - connection: {port: 4444}
            - dns: c2.example.net
            - dns: {query: c2.example.net, outcome: unanswered}
            - http: {method: GET, host: c2.example.net, path: '/beacon?id=*'}
            - http: {method: POST}
            - persistence: T1053
            - persistence: T1543.002
          not_occur:
            - process: {image: '*/perl'}
            - process: {image: '*/curl'}
            - file: {path: /etc/**, operation: delete}
            - file: {path: /etc/cron.d/*}
            - connection: {host: '198.51.100.*'}
            - connection: {host: '*.example.net'}
            - dns: '*.onion'
            - http: {host: c2.example.net}
            - persistence: T1098.004
            - persistence: {technique: T1053.003, path: /etc/cron.d/job}
        """;

    private readonly TemporaryDirectory _directory = new();

    public ValidationReport Report { get; private set; } = null!;

    public string Directory => _directory.Path;

    public async ValueTask InitializeAsync()
    {
        var spec = ValidationHarness.Spec(_directory, "kitchen-sink.yml", Yaml);
        Report = await ValidationHarness.RunAsync(_directory, spec);
    }

    public ValueTask DisposeAsync()
    {
        _directory.Dispose();
        return ValueTask.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class KitchenSinkGroup : ICollectionFixture<KitchenSinkRun>
{
    public const string Name = "kitchen sink run";
}
