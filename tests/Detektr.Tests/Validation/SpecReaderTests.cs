using Detektr.Cli.Validate;
using Detektr.Events;
using Detektr.Network;
using Detektr.Tests.TestSupport;
using Detektr.Validation;

namespace Detektr.Tests.Validation;

public sealed class SpecReaderTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void A_complete_spec_reads_into_its_target_sandbox_expectations_and_variants()
    {
        _directory.Script("drop.sh", "#!/bin/sh\ntrue\n");
        Directory.CreateDirectory(Path.Combine(_directory.Path, "rules"));
        var spec = ValidationHarness.Spec(_directory, "full.yml", """
            name: everything
            description: |
              Every key there is.
            artifact: drop.sh
            arguments: [--once]
            rules: rules
            sandbox:
              network: sinkhole
              timeout: 7.5
              memory: 128M
              pids: 32
              cpus: 0.5
              env: {MODE: test}
              read_only: [/etc/cron.d]
              deny_syscalls: [ptrace]
              workdir: /root
              hostname: web-1
              exit_with_artifact: true
            expect:
              fire: [Some Rule]
              not_fire: 0b6a3c2e-5d1f-4a8e-9c77-1f2e3d4c5b02
              occur:
                - process: {image: '*/curl', command_line: '*http*', parent_image: /bin/sh}
                - file: {path: /etc/cron.d/*, operation: [create, write], image: '*/sh', outcome: EROFS}
                - connection: c2.example.net:443
                - dns: {query: '*.example.net', type: a}
                - http: {method: get, host: c2.example.net, path: '/gate*'}
                - persistence: T1053.003
              not_occur:
                - connection: {port: 4444, protocol: TCP, outcome: any}
                - persistence: {technique: t1543, path: /etc/systemd/**}
            mitigations:
              - name: offline
                network: none
                env: {MODE: safe}
                prevented:
                  - connection: {host: c2.example.net, port: 443}
                expect:
                  not_occur:
                    - http: {host: c2.example.net}
            """);

        Assert.Equal("everything", spec.Name);
        Assert.Equal("Every key there is.", spec.Description);
        Assert.Equal(Path.Combine(_directory.Path, "drop.sh"), spec.Target.ArtifactPath);
        Assert.Equal(["--once"], spec.Target.Arguments);
        Assert.Equal(Path.Combine(_directory.Path, "rules"), spec.RulesDirectory);
        Assert.Equal(NetworkMode.Sinkhole, spec.Sandbox.Network);
        Assert.Equal(TimeSpan.FromSeconds(7.5), spec.Sandbox.Limits.WallTime);
        Assert.Equal(128L * 1024 * 1024, spec.Sandbox.Limits.MemoryBytes);
        Assert.Equal((32, 0.5), (spec.Sandbox.Limits.Processes!.Value, spec.Sandbox.Limits.Cpus!.Value));
        Assert.Equal("test", spec.Sandbox.Environment["MODE"]);
        Assert.Equal(["/etc/cron.d"], spec.Sandbox.ReadOnlyPaths);
        Assert.Equal(["ptrace"], spec.Sandbox.DeniedSyscalls);
        Assert.Equal(("/root", "web-1", true), (spec.Sandbox.WorkingDirectory, spec.Sandbox.Hostname, spec.Sandbox.ExitWithArtifact));

        Assert.Equal(
            [
                "fires 'Some Rule'",
                "does not fire '0b6a3c2e-5d1f-4a8e-9c77-1f2e3d4c5b02'",
                "occurs: process image */curl command line *http* parent /bin/sh",
                "occurs: file create|write /etc/cron.d/* by */sh (EROFS)",
                "occurs: connection to c2.example.net:443",
                "occurs: dns A query *.example.net",
                "occurs: http GET c2.example.net/gate*",
                "occurs: persistence T1053.003",
                "does not occur: connection to *:4444/tcp (any)",
                "does not occur: persistence T1543 at /etc/systemd/**",
            ],
            spec.Expectations.Select(e => e.Describe()));
        Assert.Equal(new SpecLocation(spec.File, 20, 10), spec.Expectations[0].Location);
        Assert.Equal(new SpecLocation(spec.File, 21, 13), spec.Expectations[1].Location);
        Assert.Equal(new SpecLocation(spec.File, 23, 7), spec.Expectations[2].Location);

        var variant = Assert.Single(spec.Mitigations);
        Assert.Equal("offline", variant.Name);
        Assert.Equal("network none, env MODE=safe", variant.Controls.Describe());
        Assert.Equal(["prevents: connection to c2.example.net:443", "does not occur: http * c2.example.net/*"],
            variant.Expectations.Select(e => e.Describe()));
        var applied = variant.Controls.ApplyTo(spec.Sandbox);
        Assert.Equal((NetworkMode.None, "safe"), (applied.Network, applied.Environment["MODE"]));
        Assert.Equal(["/etc/cron.d"], applied.ReadOnlyPaths);
    }

    [Fact]
    public void An_inline_script_is_named_after_the_spec_and_a_command_string_runs_through_sh()
    {
        var script = ValidationHarness.Spec(_directory, "my spec!.yml", "name: s\nscript: |\n  echo hi\nexpect:\n  occur:\n    - process: {image: '*'}\n");
        var command = ValidationHarness.Spec(_directory, "c.yml", "name: c\ncommand: echo hi | cat\nexpect:\n  occur:\n    - process: {image: '*/cat'}\n");
        var argv = ValidationHarness.Spec(_directory, "v.yml", "name: v\ncommand: [/bin/echo, hi]\nexpect:\n  occur:\n    - process: {image: /bin/echo}\n");

        Assert.Equal(("echo hi\n", "my-spec-.sh"), (script.Target.Script, script.Target.ScriptName));
        Assert.Equal(["/bin/sh", "-c", "echo hi | cat"], command.Target.Command);
        Assert.Equal(["/bin/echo", "hi"], argv.Target.Command);
    }

    [Fact]
    public void File_operations_and_outcomes_default_to_any_operation_carried_out()
    {
        var spec = ValidationHarness.Spec(_directory, "d.yml", """
            name: defaults
            command: [/bin/true]
            expect:
              occur:
                - file: /tmp/x
                - dns: a.example
            """);

        var file = Assert.IsType<FileBehaviour>(Assert.IsType<BehaviourExpectation>(spec.Expectations[0]).Behaviour);
        var dns = Assert.IsType<DnsBehaviour>(Assert.IsType<BehaviourExpectation>(spec.Expectations[1]).Behaviour);
        Assert.Empty(file.Operations);
        Assert.Equal(OutcomeFilter.Success, file.Outcome);
        Assert.Equal(OutcomeFilter.Any, dns.Outcome);
    }

    public static TheoryData<string, int, int, string> Malformed => new()
    {
        { "name: x\ncommand: [/bin/true]\nexpect:\n  occur:\n    - process: {image: '*'}\n  ocur: []\n", 6, 3, "unknown key 'ocur' in expect (expected one of: fire, not_fire, occur, not_occur)" },
        { "name: x\ncommand: [/bin/true]\nexpectations: {}\n", 3, 1, "unknown key 'expectations' in the spec" },
        { "command: [/bin/true]\nexpect:\n  occur: [{process: {image: x}}]\n", 1, 1, "the spec needs 'name'" },
        { "name: x\nexpect:\n  occur: [{process: {image: x}}]\n", 1, 1, "the spec needs one of 'artifact'" },
        { "name: x\ncommand: [/bin/true]\nscript: echo\nexpect:\n  occur: [{process: {image: x}}]\n", 3, 9, "give only one of 'artifact', 'script' and 'command'" },
        { "name: x\nartifact: missing.sh\nexpect:\n  occur: [{process: {image: x}}]\n", 2, 11, "artifact: no file at 'missing.sh'" },
        { "name: x\ncommand: [/bin/true]\n", 1, 1, "nothing to check" },
        { "name: x\ncommand: [/bin/true]\nsandbox:\n  network: internet\nexpect:\n  occur: [{process: {image: x}}]\n", 4, 12, "network: 'internet' is not one of none, sinkhole" },
        { "name: x\ncommand: [/bin/true]\nsandbox:\n  timeout: soon\nexpect:\n  occur: [{process: {image: x}}]\n", 4, 12, "timeout: 'soon' is not a number" },
        { "name: x\ncommand: [/bin/true]\nsandbox:\n  memory: lots\nexpect:\n  occur: [{process: {image: x}}]\n", 4, 11, "memory: 'lots' is not a size" },
        { "name: x\ncommand: [/bin/true]\nsandbox:\n  deny_syscalls: [conect]\nexpect:\n  occur: [{process: {image: x}}]\n", 4, 19, "deny_syscalls: unknown system call 'conect'" },
        { "name: x\ncommand: [/bin/true]\nsandbox:\n  read_only: [/no/such/dir]\nexpect:\n  occur: [{process: {image: x}}]\n", 4, 15, "read_only: '/no/such/dir' does not exist" },
        { "name: x\ncommand: [/bin/true]\nexpect:\n  occur:\n    - registry: {key: x}\n", 5, 7, "unknown behaviour 'registry'" },
        { "name: x\ncommand: [/bin/true]\nexpect:\n  occur:\n    - process: {image: x}\n      file: /tmp/x\n", 5, 7, "each item is one behaviour" },
        { "name: x\ncommand: [/bin/true]\nexpect:\n  occur:\n    - file: {path: /tmp/x, operation: append}\n", 5, 39, "operation: 'append' is not one of create, write, delete, rename, chmod, chown" },
        { "name: x\ncommand: [/bin/true]\nexpect:\n  occur:\n    - file: {path: /tmp/x, outcome: maybe}\n", 5, 37, "outcome: 'maybe' is not success, failed, any" },
        { "name: x\ncommand: [/bin/true]\nexpect:\n  occur:\n    - connection: {port: 70000}\n", 5, 26, "port: a whole number from 1 to 65535" },
        { "name: x\ncommand: [/bin/true]\nexpect:\n  occur:\n    - persistence: cron\n", 5, 20, "technique: 'CRON' is not a MITRE ATT&CK technique id" },
        { "name: x\ncommand: [/bin/true]\nexpect:\n  occur:\n    - process: {}\n", 5, 16, "process: give image, command_line or parent_image" },
        { "name: x\ncommand: [/bin/true]\nexpect:\n  occur:\n    - file: {path: tmp/x}\n", 5, 20, "should be an absolute sandbox path" },
        { "name: x\ncommand: [/bin/true]\nexpect:\n  fire: []\n", 4, 9, "fire: empty list" },
        { "name: x\ncommand: [/bin/true]\nmitigations:\n  - name: m\n    prevented: [{file: /tmp/x}]\n", 4, 5, "a mitigation applies at least one control" },
        { "name: x\ncommand: [/bin/true]\nmitigations:\n  - name: m\n    network: none\n", 4, 5, "a mitigation asserts something" },
        { "name: x\ncommand: [/bin/true]\nmitigations:\n  - name: m\n    network: none\n    prevented:\n      - process: {image: '*/curl'}\n", 7, 9, "a process cannot be shown prevented" },
        { "name: x\ncommand: [/bin/true]\nmitigations:\n  - name: m\n    network: none\n    prevented:\n      - file: {path: /tmp/x, outcome: EROFS}\n", 7, 39, "outcome has no meaning under 'prevented'" },
        { "name: x\ncommand: [/bin/true]\nmitigations:\n  - {name: m, network: none, prevented: [file: /tmp/x]}\n  - {name: M, network: none, prevented: [file: /tmp/x]}\n", 5, 5, "mitigation 'M' is named twice" },
        { "name: x\ncommand: [/bin/true]\nrules: no-rules-here\nexpect:\n  fire: [r]\n", 3, 8, "rules: nothing at 'no-rules-here'" },
        { "name: x\nname: y\ncommand: [/bin/true]\n", 2, 1, "invalid YAML" },
        { "name: x\ncommand: /bin/true\n  bad: indentation\n", 3, 6, "invalid YAML" },
        { "name: x\ncommand: [/bin/true]\nexpect:\n  occur: [{process: {image: x}}]\n---\nname: y\n", 6, 1, "a spec file holds one test" },
        { "- name: x\n", 1, 1, "the spec: expected a mapping of keys to values, found a list" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void A_malformed_spec_is_reported_with_its_line_column_and_problem(string yaml, int line, int column, string message)
    {
        var path = _directory.File("bad.yml", yaml);

        var error = Assert.Throws<ValidationSpecException>(() => ValidationSpecReader.Read(path));

        Assert.Contains(error.Problems, p => p.Location.Line == line && p.Location.Column == column &&
                                             p.Message.Contains(message, StringComparison.Ordinal) && p.Location.File == path);
    }

    [Fact]
    public void Text_the_YAML_parser_gives_up_on_is_reported_as_invalid_YAML_of_the_file()
    {
        var path = _directory.File("unclosed.yml", "name: x\ncommand: [/bin/true\nexpect: {}\n");

        var problem = Assert.Single(Assert.Throws<ValidationSpecException>(() => ValidationSpecReader.Read(path)).Problems);

        Assert.StartsWith("invalid YAML", problem.Message, StringComparison.Ordinal);
        Assert.Equal(path, problem.Location.File);
    }

    [Fact]
    public void Every_problem_of_a_spec_is_reported_at_once_in_line_order()
    {
        var path = _directory.File("many.yml", "name: x\ncommand: [/bin/true]\nsandbox:\n  network: wifi\n  pids: -1\nexpect:\n  occur:\n    - gizmo: {}\n");

        var error = Assert.Throws<ValidationSpecException>(() => ValidationSpecReader.Read(path));

        Assert.Equal([4, 5, 8], error.Problems.Select(p => p.Location.Line));
        Assert.StartsWith($"{path}:4:12: network: 'wifi'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_or_unreadable_spec_is_a_problem_of_the_file()
    {
        var empty = _directory.File("empty.yml", "\n");

        Assert.Equal("the spec is empty", Assert.Single(Assert.Throws<ValidationSpecException>(() => ValidationSpecReader.Read(empty)).Problems).Message);
        Assert.Contains("cannot read the spec", Assert.Throws<ValidationSpecException>(() => ValidationSpecReader.Read(Path.Combine(_directory.Path, "none.yml"))).Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void A_directory_holds_its_top_level_yaml_files_as_specs_in_name_order()
    {
        _directory.File("b.yaml", "x");
        _directory.File("a.yml", "x");
        _directory.File(".hidden.yml", "x");
        _directory.File("notes.txt", "x");
        Directory.CreateDirectory(Path.Combine(_directory.Path, "rules"));
        _directory.File("rules/rule.yml", "x");

        Assert.Equal(["a.yml", "b.yaml"], ValidationSpecReader.FindSpecs(_directory.Path).Select(Path.GetFileName));
        Assert.Throws<FileNotFoundException>(() => ValidationSpecReader.FindSpecs(Path.Combine(_directory.Path, "nope")));
    }

    [Fact]
    public void Operations_in_a_spec_are_the_file_event_operations()
    {
        var spec = ValidationHarness.Spec(_directory, "ops.yml",
            "name: ops\ncommand: [/bin/true]\nexpect:\n  occur:\n    - file: {path: /x, operation: [Create, delete, rename, chmod, chown, write]}\n");

        var file = Assert.IsType<FileBehaviour>(Assert.IsType<BehaviourExpectation>(Assert.Single(spec.Expectations)).Behaviour);
        Assert.Equal([FileOperation.Create, FileOperation.Delete, FileOperation.Rename, FileOperation.Chmod, FileOperation.Chown, FileOperation.Write], file.Operations);
    }
}
