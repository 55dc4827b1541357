using System.Globalization;
using System.Text.RegularExpressions;
using Detektr.Artifacts;
using Detektr.Events;
using Detektr.Limits;
using Detektr.Network;
using Detektr.Sandbox.Seccomp;
using Detektr.Validation;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Detektr.Cli.Validate;

/// <summary>Reads validation specs from YAML: one test per file. Every problem is reported with its line
/// and column; unknown keys are problems too, so a misspelt expectation never passes unnoticed.</summary>
internal static partial class ValidationSpecReader
{
    private static readonly string[] TopLevelKeys =
        ["name", "description", "artifact", "script", "script_name", "command", "arguments", "type", "rules", "sandbox", "expect", "mitigations"];

    private static readonly string[] SandboxKeys =
        ["network", "timeout", "memory", "pids", "cpus", "env", "read_only", "deny_syscalls", "workdir", "hostname", "exit_with_artifact"];

    private static readonly string[] ExpectKeys = ["fire", "not_fire", "occur", "not_occur"];

    private static readonly string[] MitigationKeys = ["name", "network", "read_only", "deny_syscalls", "env", "prevented", "expect"];

    private static readonly string[] BehaviourKinds = ["process", "file", "connection", "dns", "http", "persistence"];

    /// <summary>The spec files named by <paramref name="path"/>: the file itself, or the <c>.yml</c> and
    /// <c>.yaml</c> files directly in a directory (its subdirectories hold rules and artifacts), sorted.</summary>
    /// <exception cref="FileNotFoundException">Nothing exists at <paramref name="path"/>.</exception>
    public static IReadOnlyList<string> FindSpecs(string path)
    {
        if (File.Exists(path))
        {
            return [Path.GetFullPath(path)];
        }

        if (!Directory.Exists(path))
        {
            throw new FileNotFoundException($"no validation spec or directory at '{path}'", path);
        }

        return Directory.EnumerateFiles(path)
            .Where(f => f.EndsWith(".yml", StringComparison.Ordinal) || f.EndsWith(".yaml", StringComparison.Ordinal))
            .Where(f => !Path.GetFileName(f).StartsWith('.'))
            .Select(Path.GetFullPath)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Reads the spec in <paramref name="path"/>.</summary>
    /// <exception cref="ValidationSpecException">The spec is malformed; every problem is listed.</exception>
    public static ValidationSpec Read(string path)
    {
        var file = Path.GetFullPath(path);
        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ValidationSpecException(new SpecProblem(SpecLocation.InFile(file), $"cannot read the spec: {ex.Message}"));
        }

        return Parse(text, file);
    }

    /// <summary>Parses spec text; <paramref name="file"/> names it in problems, and paths in the spec are
    /// relative to its directory.</summary>
    /// <exception cref="ValidationSpecException">The spec is malformed; every problem is listed.</exception>
    public static ValidationSpec Parse(string yaml, string file)
    {
        var context = new Context(file);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            var message = ex.InnerException is { } inner && ex.Message.StartsWith("(Line", StringComparison.Ordinal) ? inner.Message : ex.Message;
            throw new ValidationSpecException(new SpecProblem(context.At(ex.Start), $"invalid YAML: {FirstLine(message)}"));
        }
        catch (InvalidOperationException ex)
        {
            // YamlDotNet's scanner fails this way, without a position, on some unterminated flow collections.
            throw new ValidationSpecException(new SpecProblem(SpecLocation.InFile(file),
                $"invalid YAML: the parser stopped without saying where ({ex.Message}); look for an unclosed '[', '{{' or quote"));
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            throw new ValidationSpecException(new SpecProblem(SpecLocation.InFile(file), "the spec is empty"));
        }

        if (stream.Documents.Count > 1)
        {
            throw new ValidationSpecException(new SpecProblem(context.At(stream.Documents[1].RootNode),
                "a spec file holds one test: found a second YAML document"));
        }

        var spec = context.ReadSpec(stream.Documents[0].RootNode);
        if (context.Problems.Count > 0 || spec is null)
        {
            throw new ValidationSpecException(context.Problems.OrderBy(p => p.Location.Line).ThenBy(p => p.Location.Column).ToList());
        }

        return spec;
    }

    private static string FirstLine(string message)
    {
        var newline = message.IndexOf('\n', StringComparison.Ordinal);
        return newline < 0 ? message : message[..newline];
    }

    [GeneratedRegex(@"^T[0-9]{4}(\.[0-9]{3})?$", RegexOptions.CultureInvariant)]
    private static partial Regex TechniqueId();

    [GeneratedRegex(@"[^A-Za-z0-9._-]", RegexOptions.CultureInvariant)]
    private static partial Regex UnsafeFileNameCharacters();

    /// <summary>Reading state: the file and every problem found so far.</summary>
    private sealed class Context(string file)
    {
        private readonly string _directory = Path.GetDirectoryName(file) ?? ".";

        public List<SpecProblem> Problems { get; } = [];

        public SpecLocation At(YamlNode node) => At(node.Start);

        public SpecLocation At(Mark mark) => new(file, checked((int)mark.Line), checked((int)mark.Column));

        private void Problem(YamlNode node, string message) => Problems.Add(new SpecProblem(At(node), message));

        public ValidationSpec? ReadSpec(YamlNode root)
        {
            if (!Mapping(root, "the spec", out var map))
            {
                return null;
            }

            CheckKeys(map, TopLevelKeys, "the spec");
            var name = RequiredString(map, "name", "the spec");
            var description = OptionalString(map, "description")?.Trim();
            var target = ReadTarget(map);
            var rules = Get(map, "rules");
            string? rulesDirectory = null;
            if (rules is not null && String(rules, "rules") is { } rulesText)
            {
                rulesDirectory = Path.GetFullPath(Path.Combine(_directory, rulesText));
                if (!Directory.Exists(rulesDirectory) && !File.Exists(rulesDirectory))
                {
                    Problem(rules, $"rules: nothing at '{rulesText}' (resolved to {rulesDirectory})");
                }
            }

            var sandbox = Get(map, "sandbox") is { } sandboxNode ? ReadSandbox(sandboxNode) : new SpecSandbox();
            var expectations = Get(map, "expect") is { } expectNode ? ReadExpect(expectNode) : [];
            var mitigations = new List<MitigationVariant>();
            if (Get(map, "mitigations") is { } mitigationsNode && Sequence(mitigationsNode, "mitigations", out var list))
            {
                var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                foreach (var item in list)
                {
                    if (ReadMitigation(item) is { } variant)
                    {
                        if (!names.Add(variant.Name))
                        {
                            Problem(item, $"mitigation '{variant.Name}' is named twice; each variant needs its own name");
                        }

                        mitigations.Add(variant);
                    }
                }
            }

            if (expectations.Count == 0 && mitigations.All(m => m.Expectations.Count == 0) && Problems.Count == 0)
            {
                Problem(root, "nothing to check: give 'expect' (fire, not_fire, occur, not_occur) or 'mitigations'");
            }

            if (name is null || target is null)
            {
                return null;
            }

            return new ValidationSpec
            {
                Name = name, Description = description, File = file, Target = target, Sandbox = sandbox,
                RulesDirectory = rulesDirectory, RulesLocation = rules is null ? null : At(rules),
                Expectations = expectations, Mitigations = mitigations,
            };
        }

        private SpecTarget? ReadTarget(YamlMappingNode map)
        {
            var artifact = Get(map, "artifact");
            var script = Get(map, "script");
            var command = Get(map, "command");
            var given = new[] { artifact, script, command }.Count(n => n is not null);
            if (given != 1)
            {
                Problem(given == 0 ? map : (script ?? command)!,
                    given == 0 ? "the spec needs one of 'artifact' (a file relative to the spec), 'script' (inline) or 'command'"
                               : "give only one of 'artifact', 'script' and 'command'");
                return null;
            }

            var arguments = Get(map, "arguments") is { } argumentsNode ? StringList(argumentsNode, "arguments") : [];
            ArtifactKind? kind = null;
            if (Get(map, "type") is { } typeNode && String(typeNode, "type") is { } typeName)
            {
                if (ArtifactInspector.TryParseKind(typeName, out var parsed))
                {
                    kind = parsed;
                }
                else
                {
                    Problem(typeNode, $"type: '{typeName}' is not one of elf, shell, python, perl");
                }
            }

            if (command is not null)
            {
                if (Get(map, "arguments") is { } extra)
                {
                    Problem(extra, "arguments go with 'artifact' or 'script'; a command carries its own");
                }

                List<string> argv = command is YamlScalarNode { Value: { } line } ? ["/bin/sh", "-c", line] : StringList(command, "command");
                if (argv.Count == 0)
                {
                    Problem(command, "command: empty");
                    return null;
                }

                return new SpecTarget { Command = argv, Kind = kind };
            }

            if (script is not null)
            {
                var content = String(script, "script");
                if (content is null)
                {
                    return null;
                }

                var scriptName = Get(map, "script_name") is { } scriptNameNode ? String(scriptNameNode, "script_name") : null;
                if (scriptName is not null && (scriptName.Contains('/', StringComparison.Ordinal) || scriptName is "." or ".."))
                {
                    Problem(Get(map, "script_name")!, "script_name: a file name, without '/'");
                    scriptName = null;
                }

                scriptName ??= UnsafeFileNameCharacters().Replace(Path.GetFileNameWithoutExtension(file), "-") + ".sh";
                return new SpecTarget { Script = content, ScriptName = scriptName, Arguments = arguments, Kind = kind };
            }

            var relative = String(artifact!, "artifact");
            if (relative is null)
            {
                return null;
            }

            var path = Path.GetFullPath(Path.Combine(_directory, relative));
            if (!File.Exists(path))
            {
                Problem(artifact!, $"artifact: no file at '{relative}' (resolved to {path})");
            }

            return new SpecTarget { ArtifactPath = path, Arguments = arguments, Kind = kind };
        }

        private SpecSandbox ReadSandbox(YamlNode node)
        {
            if (!Mapping(node, "sandbox", out var map))
            {
                return new SpecSandbox();
            }

            CheckKeys(map, SandboxKeys, "sandbox");
            var sandbox = new SpecSandbox();
            var limits = new RunLimits();
            if (Get(map, "network") is { } network)
            {
                sandbox = sandbox with { Network = ReadNetwork(network) ?? NetworkMode.None };
            }

            if (Get(map, "timeout") is { } timeout && Number(timeout, "timeout") is { } seconds)
            {
                if (seconds is > 0 and <= 86400)
                {
                    limits = limits with { WallTime = TimeSpan.FromSeconds(seconds) };
                }
                else
                {
                    Problem(timeout, "timeout: a number of seconds above 0 and at most 86400");
                }
            }

            if (Get(map, "memory") is { } memory && String(memory, "memory") is { } memoryText)
            {
                if (string.Equals(memoryText, "none", StringComparison.OrdinalIgnoreCase))
                {
                    limits = limits with { MemoryBytes = null };
                }
                else if (ByteSizeParser.TryParse(memoryText, out var bytes) && bytes >= 4 * 1024 * 1024)
                {
                    limits = limits with { MemoryBytes = bytes };
                }
                else
                {
                    Problem(memory, $"memory: '{memoryText}' is not a size of at least 4M (256M, 1G) or none");
                }
            }

            if (Get(map, "pids") is { } pids && Number(pids, "pids") is { } processes)
            {
                if (processes >= 0 && processes == Math.Floor(processes) && processes <= int.MaxValue)
                {
                    limits = limits with { Processes = processes == 0 ? null : (int)processes };
                }
                else
                {
                    Problem(pids, "pids: a whole number, 0 to disable the limit");
                }
            }

            if (Get(map, "cpus") is { } cpus && Number(cpus, "cpus") is { } cpuCount)
            {
                if (cpuCount is >= 0 and <= 1024)
                {
                    limits = limits with { Cpus = cpuCount == 0 ? null : cpuCount };
                }
                else
                {
                    Problem(cpus, "cpus: a number of CPUs up to 1024, 0 to disable the limit");
                }
            }

            sandbox = sandbox with
            {
                Limits = limits,
                Environment = Get(map, "env") is { } env ? ReadEnvironment(env) : sandbox.Environment,
                ReadOnlyPaths = Get(map, "read_only") is { } readOnly ? ReadReadOnly(readOnly) : [],
                DeniedSyscalls = Get(map, "deny_syscalls") is { } deny ? ReadSyscalls(deny) : [],
            };
            if (Get(map, "workdir") is { } workdir && String(workdir, "workdir") is { } directory)
            {
                if (!directory.StartsWith('/'))
                {
                    Problem(workdir, "workdir: an absolute path inside the sandbox");
                }

                sandbox = sandbox with { WorkingDirectory = directory };
            }

            if (Get(map, "hostname") is { } hostname && String(hostname, "hostname") is { } host)
            {
                if (host.Length is 0 or > 64 || !host.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.'))
                {
                    Problem(hostname, "hostname: letters, digits, '-' and '.', at most 64");
                }

                sandbox = sandbox with { Hostname = host };
            }

            if (Get(map, "exit_with_artifact") is { } exit && Bool(exit, "exit_with_artifact") is { } exitWithArtifact)
            {
                sandbox = sandbox with { ExitWithArtifact = exitWithArtifact };
            }

            return sandbox;
        }

        private MitigationVariant? ReadMitigation(YamlNode node)
        {
            if (!Mapping(node, "a mitigation", out var map))
            {
                return null;
            }

            CheckKeys(map, MitigationKeys, "a mitigation");
            var name = RequiredString(map, "name", "a mitigation");
            var controls = new MitigationControls
            {
                Network = Get(map, "network") is { } network ? ReadNetwork(network) : null,
                ReadOnlyPaths = Get(map, "read_only") is { } readOnly ? ReadReadOnly(readOnly) : [],
                DeniedSyscalls = Get(map, "deny_syscalls") is { } deny ? ReadSyscalls(deny) : [],
                Environment = Get(map, "env") is { } env ? ReadEnvironment(env) : new Dictionary<string, string>(StringComparer.Ordinal),
            };
            if (controls.IsEmpty)
            {
                Problem(map, "a mitigation applies at least one control: network, read_only, deny_syscalls or env");
            }

            var expectations = new List<Expectation>();
            if (Get(map, "prevented") is { } prevented && Sequence(prevented, "prevented", out var items))
            {
                foreach (var item in items)
                {
                    if (ReadBehaviour(item, "prevented") is { } behaviour)
                    {
                        if (behaviour.PreventionUnsupportedReason is { } reason)
                        {
                            Problem(item, reason);
                            continue;
                        }

                        expectations.Add(new PreventionExpectation { Behaviour = behaviour, Location = At(item) });
                    }
                }
            }

            if (Get(map, "expect") is { } expect)
            {
                expectations.AddRange(ReadExpect(expect));
            }

            if (expectations.Count == 0 && Get(map, "prevented") is null && Get(map, "expect") is null)
            {
                Problem(map, "a mitigation asserts something: give 'prevented' (behaviours attempted and stopped) or 'expect'");
            }

            return name is null ? null : new MitigationVariant { Name = name, Location = At(map), Controls = controls, Expectations = expectations };
        }

        private List<Expectation> ReadExpect(YamlNode node)
        {
            var expectations = new List<Expectation>();
            if (!Mapping(node, "expect", out var map))
            {
                return expectations;
            }

            CheckKeys(map, ExpectKeys, "expect");
            foreach (var (key, mustFire) in new[] { ("fire", true), ("not_fire", false) })
            {
                if (Get(map, key) is not { } rules)
                {
                    continue;
                }

                foreach (var (selector, at) in StringItems(rules, key))
                {
                    expectations.Add(new RuleExpectation { Selector = selector, MustFire = mustFire, Location = at });
                }
            }

            foreach (var (key, mustOccur) in new[] { ("occur", true), ("not_occur", false) })
            {
                if (Get(map, key) is not { } behaviours || !Sequence(behaviours, key, out var items))
                {
                    continue;
                }

                foreach (var item in items)
                {
                    if (ReadBehaviour(item, key) is { } behaviour)
                    {
                        expectations.Add(new BehaviourExpectation { Behaviour = behaviour, MustOccur = mustOccur, Location = At(item) });
                    }
                }
            }

            return expectations;
        }

        private Behaviour? ReadBehaviour(YamlNode node, string list)
        {
            if (node is not YamlMappingNode { Children.Count: 1 } map)
            {
                Problem(node, $"{list}: each item is one behaviour, such as '- file: {{path: /etc/cron.d/*}}' ({string.Join(", ", BehaviourKinds)})");
                return null;
            }

            var (keyNode, value) = map.Children.Single();
            var kind = ((YamlScalarNode)keyNode).Value ?? string.Empty;
            var behaviour = kind switch
            {
                "process" => ReadProcess(value),
                "file" => ReadFile(value),
                "connection" => ReadConnection(value),
                "dns" => ReadDns(value),
                "http" => ReadHttp(value),
                "persistence" => ReadPersistence(value),
                _ => Unknown(keyNode, kind),
            };
            if (behaviour is not null && list == "prevented" && value is YamlMappingNode fields && Get(fields, "outcome") is { } outcome)
            {
                Problem(outcome, "outcome has no meaning under 'prevented': the behaviour must be attempted and never succeed");
            }

            return behaviour;
        }

        private Behaviour? Unknown(YamlNode key, string kind)
        {
            Problem(key, $"unknown behaviour '{kind}' (expected one of: {string.Join(", ", BehaviourKinds)})");
            return null;
        }

        private ProcessBehaviour? ReadProcess(YamlNode node)
        {
            if (!Mapping(node, "process", out var map))
            {
                return null;
            }

            CheckKeys(map, ["image", "command_line", "parent_image"], "process");
            var behaviour = new ProcessBehaviour
            {
                Image = Pattern(map, "image"), CommandLine = Pattern(map, "command_line"), ParentImage = Pattern(map, "parent_image"),
            };
            if (behaviour.Image is null && behaviour.CommandLine is null && behaviour.ParentImage is null)
            {
                Problem(map, "process: give image, command_line or parent_image");
            }

            return behaviour;
        }

        private FileBehaviour? ReadFile(YamlNode node)
        {
            if (node is YamlScalarNode)
            {
                return String(node, "file") is { } glob ? new FileBehaviour { Path = Glob(node, glob) } : null;
            }

            if (!Mapping(node, "file", out var map))
            {
                return null;
            }

            CheckKeys(map, ["path", "operation", "image", "outcome"], "file");
            var pathNode = Get(map, "path");
            if (pathNode is null)
            {
                Problem(map, "file: 'path' is required (a glob such as /etc/cron.d/*)");
                return null;
            }

            var path = String(pathNode, "path");
            var operations = new List<FileOperation>();
            if (Get(map, "operation") is { } operationNode)
            {
                foreach (var (name, at) in StringItems(operationNode, "operation"))
                {
                    if (FileEvent.TryParseOperation(name.ToLowerInvariant(), out var operation))
                    {
                        operations.Add(operation);
                    }
                    else
                    {
                        Problems.Add(new SpecProblem(at, $"operation: '{name}' is not one of create, write, delete, rename, chmod, chown"));
                    }
                }
            }

            return path is null ? null : new FileBehaviour
            {
                Path = Glob(pathNode, path), Operations = operations, Image = Pattern(map, "image"),
                Outcome = Outcome(map) ?? OutcomeFilter.Success,
            };
        }

        private ConnectionBehaviour? ReadConnection(YamlNode node)
        {
            if (node is YamlScalarNode)
            {
                var text = String(node, "connection");
                if (text is null)
                {
                    return null;
                }

                var colon = text.LastIndexOf(':');
                if (colon > 0 && int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536)
                {
                    return new ConnectionBehaviour { Host = WildcardPattern.Parse(text[..colon]), Port = port };
                }

                return new ConnectionBehaviour { Host = WildcardPattern.Parse(text) };
            }

            if (!Mapping(node, "connection", out var map))
            {
                return null;
            }

            CheckKeys(map, ["host", "port", "protocol", "image", "outcome"], "connection");
            int? portNumber = null;
            if (Get(map, "port") is { } portNode && Number(portNode, "port") is { } value)
            {
                if (value is >= 1 and <= 65535 && value == Math.Floor(value))
                {
                    portNumber = (int)value;
                }
                else
                {
                    Problem(portNode, "port: a whole number from 1 to 65535");
                }
            }

            string? protocol = null;
            if (Get(map, "protocol") is { } protocolNode && String(protocolNode, "protocol") is { } protocolName)
            {
                protocol = protocolName.ToLowerInvariant();
                if (protocol is not ("tcp" or "udp" or "icmp" or "raw"))
                {
                    Problem(protocolNode, $"protocol: '{protocolName}' is not one of tcp, udp, icmp, raw");
                }
            }

            var host = Pattern(map, "host");
            if (host is null && Get(map, "port") is null)
            {
                Problem(map, "connection: give host, port or both");
            }

            return new ConnectionBehaviour
            {
                Host = host, Port = portNumber, Protocol = protocol, Image = Pattern(map, "image"),
                Outcome = Outcome(map) ?? OutcomeFilter.Success,
            };
        }

        private DnsBehaviour? ReadDns(YamlNode node)
        {
            if (node is YamlScalarNode)
            {
                return String(node, "dns") is { } name ? new DnsBehaviour { Query = WildcardPattern.Parse(name) } : null;
            }

            if (!Mapping(node, "dns", out var map))
            {
                return null;
            }

            CheckKeys(map, ["query", "type", "outcome"], "dns");
            var query = Pattern(map, "query");
            if (query is null)
            {
                Problem(map, "dns: 'query' is required (a name pattern such as *.example.net)");
                return null;
            }

            var type = Get(map, "type") is { } typeNode ? String(typeNode, "type")?.ToUpperInvariant() : null;
            return new DnsBehaviour { Query = query, QueryType = type, Outcome = Outcome(map) ?? OutcomeFilter.Any };
        }

        private HttpBehaviour? ReadHttp(YamlNode node)
        {
            if (!Mapping(node, "http", out var map))
            {
                return null;
            }

            CheckKeys(map, ["method", "host", "path"], "http");
            var method = Get(map, "method") is { } methodNode ? String(methodNode, "method")?.ToUpperInvariant() : null;
            var behaviour = new HttpBehaviour { Method = method, Host = Pattern(map, "host"), Path = Pattern(map, "path") };
            if (method is null && behaviour.Host is null && behaviour.Path is null)
            {
                Problem(map, "http: give method, host or path");
            }

            return behaviour;
        }

        private PersistenceBehaviour? ReadPersistence(YamlNode node)
        {
            YamlNode techniqueNode = node;
            YamlMappingNode? map = null;
            if (node is not YamlScalarNode)
            {
                if (!Mapping(node, "persistence", out map))
                {
                    return null;
                }

                CheckKeys(map, ["technique", "path", "outcome"], "persistence");
                if (Get(map, "technique") is not { } given)
                {
                    Problem(map, "persistence: 'technique' is required (a MITRE ATT&CK id such as T1053.003)");
                    return null;
                }

                techniqueNode = given;
            }

            var technique = String(techniqueNode, "technique")?.ToUpperInvariant();
            if (technique is null)
            {
                return null;
            }

            if (!TechniqueId().IsMatch(technique))
            {
                Problem(techniqueNode, $"technique: '{technique}' is not a MITRE ATT&CK technique id (T1053, T1053.003)");
            }

            PathGlob? path = null;
            if (map is not null && Get(map, "path") is { } pathNode && String(pathNode, "path") is { } glob)
            {
                path = Glob(pathNode, glob);
            }

            return new PersistenceBehaviour { Technique = technique, Path = path, Outcome = (map is null ? null : Outcome(map)) ?? OutcomeFilter.Success };
        }

        private OutcomeFilter? Outcome(YamlMappingNode map)
        {
            if (Get(map, "outcome") is not { } node || String(node, "outcome") is not { } text)
            {
                return null;
            }

            if (OutcomeFilter.TryParse(text, out var filter))
            {
                return filter;
            }

            Problem(node, $"outcome: '{text}' is not success, failed, any, an errno name (EROFS, EPERM, ENETUNREACH), in_progress or unanswered");
            return null;
        }

        private NetworkMode? ReadNetwork(YamlNode node)
        {
            if (String(node, "network") is not { } text)
            {
                return null;
            }

            if (NetworkModes.TryParse(text, out var mode))
            {
                return mode;
            }

            Problem(node, $"network: '{text}' is not one of none, sinkhole");
            return null;
        }

        private Dictionary<string, string> ReadEnvironment(YamlNode node)
        {
            var environment = new Dictionary<string, string>(StringComparer.Ordinal);
            if (!Mapping(node, "env", out var map))
            {
                return environment;
            }

            foreach (var (key, value) in map.Children)
            {
                var name = ((YamlScalarNode)key).Value ?? string.Empty;
                if (name.Length == 0 || name.Contains('=', StringComparison.Ordinal) || name.Contains('\0', StringComparison.Ordinal))
                {
                    Problem(key, $"env: '{name}' is not a variable name");
                    continue;
                }

                if (String(value, $"env.{name}") is { } text)
                {
                    environment[name] = text;
                }
            }

            return environment;
        }

        private List<string> ReadReadOnly(YamlNode node)
        {
            var paths = new List<string>();
            foreach (var (path, at) in StringItems(node, "read_only"))
            {
                if (!path.StartsWith('/') || path.Contains("/../", StringComparison.Ordinal) || path.EndsWith("/..", StringComparison.Ordinal))
                {
                    Problems.Add(new SpecProblem(at, $"read_only: '{path}' is not an absolute sandbox path"));
                }
                else if (!Path.Exists(path))
                {
                    Problems.Add(new SpecProblem(at, $"read_only: '{path}' does not exist in the sandbox's root (the host's), so it cannot be made read-only"));
                }
                else
                {
                    paths.Add(path);
                }
            }

            return paths;
        }

        private List<string> ReadSyscalls(YamlNode node)
        {
            var names = new List<string>();
            foreach (var (name, at) in StringItems(node, "deny_syscalls"))
            {
                try
                {
                    SeccompPolicy.Default.WithAdditionalDenials([name]);
                    names.Add(name);
                }
                catch (ArgumentException ex)
                {
                    Problems.Add(new SpecProblem(at, $"deny_syscalls: {ex.Message.Split(" (Parameter", 2)[0]}"));
                }
            }

            return names;
        }

        private WildcardPattern? Pattern(YamlMappingNode map, string key) =>
            Get(map, key) is { } node && String(node, key) is { } text ? WildcardPattern.Parse(text) : null;

        private PathGlob Glob(YamlNode node, string glob)
        {
            if (!glob.StartsWith('/') && !glob.StartsWith('*'))
            {
                Problem(node, $"path: '{glob}' should be an absolute sandbox path or start with a wildcard (events carry absolute paths)");
            }

            return PathGlob.Parse(glob);
        }

        private void CheckKeys(YamlMappingNode map, string[] allowed, string what)
        {
            foreach (var key in map.Children.Keys)
            {
                var name = (key as YamlScalarNode)?.Value;
                if (name is null || !allowed.Contains(name, StringComparer.Ordinal))
                {
                    Problem(key, $"unknown key '{name}' in {what} (expected one of: {string.Join(", ", allowed)})");
                }
            }
        }

        private static YamlNode? Get(YamlMappingNode map, string key) =>
            map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

        private string? RequiredString(YamlMappingNode map, string key, string what)
        {
            if (Get(map, key) is not { } node)
            {
                Problem(map, $"{what} needs '{key}'");
                return null;
            }

            var text = String(node, key);
            if (text is { Length: 0 })
            {
                Problem(node, $"{key}: empty");
                return null;
            }

            return text;
        }

        private string? OptionalString(YamlMappingNode map, string key) => Get(map, key) is { } node ? String(node, key) : null;

        private bool Mapping(YamlNode node, string what, out YamlMappingNode map)
        {
            if (node is YamlMappingNode mapping)
            {
                map = mapping;
                return true;
            }

            Problem(node, $"{what}: expected a mapping of keys to values, found {Describe(node)}");
            map = null!;
            return false;
        }

        private bool Sequence(YamlNode node, string what, out IReadOnlyList<YamlNode> items)
        {
            if (node is YamlSequenceNode sequence)
            {
                items = sequence.Children.ToList();
                return true;
            }

            Problem(node, $"{what}: expected a list ('- item' lines), found {Describe(node)}");
            items = [];
            return false;
        }

        private string? String(YamlNode node, string what)
        {
            if (node is YamlScalarNode scalar)
            {
                if (scalar.Value is null || (scalar.Style == YamlDotNet.Core.ScalarStyle.Plain && scalar.Value is "~" or "null" or "Null" or "NULL"))
                {
                    Problem(node, $"{what}: a value is required");
                    return null;
                }

                return scalar.Value;
            }

            Problem(node, $"{what}: expected a single value, found {Describe(node)}");
            return null;
        }

        private double? Number(YamlNode node, string what)
        {
            if (String(node, what) is not { } text)
            {
                return null;
            }

            if (node is YamlScalarNode { Style: ScalarStyle.Plain } &&
                double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
            {
                return value;
            }

            Problem(node, $"{what}: '{text}' is not a number");
            return null;
        }

        private bool? Bool(YamlNode node, string what)
        {
            if (String(node, what) is not { } text)
            {
                return null;
            }

            if (node is YamlScalarNode { Style: ScalarStyle.Plain } && text is "true" or "false")
            {
                return text == "true";
            }

            Problem(node, $"{what}: '{text}' is not true or false");
            return null;
        }

        private List<string> StringList(YamlNode node, string what) => StringItems(node, what).Select(i => i.Text).ToList();

        /// <summary>A single value or a list of values, each with where it is written.</summary>
        private List<(string Text, SpecLocation At)> StringItems(YamlNode node, string what)
        {
            if (node is YamlSequenceNode sequence)
            {
                var items = new List<(string, SpecLocation)>();
                foreach (var item in sequence.Children)
                {
                    if (String(item, what) is { } text)
                    {
                        items.Add((text, At(item)));
                    }
                }

                if (sequence.Children.Count == 0)
                {
                    Problem(node, $"{what}: empty list");
                }

                return items;
            }

            return String(node, what) is { } single ? [(single, At(node))] : [];
        }

        private static string Describe(YamlNode node) => node switch
        {
            YamlScalarNode { Value: null or "" } => "nothing",
            YamlScalarNode scalar => $"'{scalar.Value}'",
            YamlSequenceNode => "a list",
            YamlMappingNode => "a mapping",
            _ => "something else",
        };
    }
}
