using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Detektr.Artifacts;
using Detektr.Detonation;
using Detektr.Limits;
using Detektr.Network;
using Detektr.Runs;

namespace Detektr.Cli.Run;

/// <summary><c>detektr run [options] -- COMMAND [ARGS]</c> and <c>detektr run [options] ARTIFACT [ARGS]</c>.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var target = new Argument<string[]>("target")
        {
            Description = "ARTIFACT [ARGS...] to detonate a file, or -- COMMAND [ARGS...] to run a command",
            Arity = ArgumentArity.OneOrMore,
            CaptureRemainingTokens = true,
        };
        var output = new Option<string?>("--out") { Description = "Run directory to create (default: RUNS/RUN_ID)", HelpName = "DIR" };
        var runs = new Option<string>("--runs")
        {
            Description = "Run store holding run directories and the ledger",
            HelpName = "DIR",
            DefaultValueFactory = _ => DetonatorOptions.DefaultRunsDirectory,
        };
        var network = new Option<string>("--network")
        {
            Description = "none: no network, attempts are recorded; sinkhole: a private sink answers DNS, TCP and records HTTP and UDP",
            DefaultValueFactory = _ => "none",
        };
        network.AcceptOnlyFromAmong("none", "sinkhole");
        var timeout = new Option<double>("--timeout")
        {
            Description = "Wall-time limit in seconds; every process is killed when it passes",
            DefaultValueFactory = _ => RunLimits.DefaultWallTime.TotalSeconds,
            HelpName = "SECONDS",
        };
        var memory = new Option<string>("--memory")
        {
            Description = "Memory limit for the whole run (512M, 1G; 'none' to disable)",
            DefaultValueFactory = _ => "512M",
            HelpName = "SIZE",
        };
        var pids = new Option<int>("--pids")
        {
            Description = "Most processes and threads alive at once (0 to disable)",
            DefaultValueFactory = _ => RunLimits.DefaultProcesses,
            HelpName = "N",
        };
        var cpus = new Option<double>("--cpus")
        {
            Description = "CPU quota in CPUs (0 to disable)",
            DefaultValueFactory = _ => RunLimits.DefaultCpus,
            HelpName = "N",
        };
        var sensor = new Option<string>("--sensor")
        {
            Description = "strace: record process, file and network events; none: only the diff and the sink",
            DefaultValueFactory = _ => "strace",
        };
        sensor.AcceptOnlyFromAmong("strace", "none");
        var type = new Option<string?>("--type") { Description = "How to run the artifact when it has no #! line: elf, shell, python, perl" };
        type.AcceptOnlyFromAmong("elf", "shell", "python", "perl");
        var environment = new Option<string[]>("--env") { Description = "Environment variable for the artifact (repeatable)", HelpName = "NAME=VALUE" };
        var readOnly = new Option<string[]>("--read-only") { Description = "Make a sandbox path read-only (repeatable)", HelpName = "PATH" };
        var deny = new Option<string[]>("--deny-syscall") { Description = "Refuse a system call on top of the default seccomp policy (repeatable)", HelpName = "NAME" };
        var workdir = new Option<string>("--workdir")
        {
            Description = "Working directory inside the sandbox",
            DefaultValueFactory = _ => DetonationRequest.DefaultWorkingDirectory,
            HelpName = "PATH",
        };
        var hostname = new Option<string>("--hostname")
        {
            Description = "Hostname inside the sandbox",
            DefaultValueFactory = _ => DetonationRequest.DefaultHostname,
            HelpName = "NAME",
        };
        var exitWithArtifact = new Option<bool>("--exit-with-artifact")
        {
            Description = "End the run when the artifact's process ends (by default it goes on while any process it started lives)",
        };
        var json = new Option<bool>("--json") { Description = "Print the manifest as JSON instead of the summary" };

        var command = new Command("run", "Detonate an artifact or a command in a sandbox and write its run directory")
        {
            output, runs, network, timeout, memory, pids, cpus, sensor, type, environment, readOnly, deny, workdir, hostname, exitWithArtifact, json, target,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            var values = parse.GetValue(target) ?? [];
            var commandMode = IsCommandMode(parse, target);
            if (!TryBuildRequest(parse, out var request, out var problem, values, commandMode, output, runs, network,
                    timeout, memory, pids, cpus, sensor, type, environment, readOnly, deny, workdir, exitWithArtifact, hostname))
            {
                await Console.Error.WriteLineAsync($"detektr: {problem}").ConfigureAwait(false);
                return ExitCodes.InvalidInput;
            }

            return await ExecuteAsync(request!, parse.GetValue(json), cancellation).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>True when a '--' comes before the first value of the target: <c>run [options] -- COMMAND</c>.</summary>
    private static bool IsCommandMode(ParseResult parse, Argument<string[]> target)
    {
        var tokens = parse.Tokens.ToList();
        var doubleDash = tokens.FindIndex(t => t.Type == TokenType.DoubleDash);
        if (doubleDash < 0)
        {
            return false;
        }

        var captured = parse.GetResult(target)?.Tokens;
        var first = captured is { Count: > 0 } ? captured[0] : null;
        var firstIndex = first is null ? int.MaxValue : tokens.FindIndex(t => ReferenceEquals(t, first));
        return doubleDash < (firstIndex < 0 ? int.MaxValue : firstIndex);
    }

    private static bool TryBuildRequest(ParseResult parse, out DetonationRequest? request, out string? problem,
        string[] values, bool commandMode, Option<string?> output, Option<string> runs, Option<string> network,
        Option<double> timeout, Option<string> memory, Option<int> pids, Option<double> cpus, Option<string> sensor,
        Option<string?> type, Option<string[]> environment, Option<string[]> readOnly, Option<string[]> deny, Option<string> workdir, Option<bool> exitWithArtifact, Option<string> hostname)
    {
        request = null;
        problem = null;
        if (values.Length == 0)
        {
            problem = "nothing to run: give an ARTIFACT, or -- COMMAND";
            return false;
        }

        long? memoryBytes = null;
        var memoryText = parse.GetValue(memory);
        if (!string.Equals(memoryText, "none", StringComparison.OrdinalIgnoreCase))
        {
            if (!ByteSizeParser.TryParse(memoryText, out var parsed))
            {
                problem = $"--memory: '{memoryText}' is not a size (512M, 1G, or none)";
                return false;
            }

            memoryBytes = parsed;
        }

        var seconds = parse.GetValue(timeout);
        if (!(seconds > 0))
        {
            problem = $"--timeout must be a positive number of seconds, got {seconds.ToString(CultureInfo.InvariantCulture)}";
            return false;
        }

        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in parse.GetValue(environment) ?? [])
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                problem = $"--env: expected NAME=VALUE, got '{pair}'";
                return false;
            }

            variables[pair[..equals]] = pair[(equals + 1)..];
        }

        ArtifactKind? kind = null;
        if (parse.GetValue(type) is { } typeName && ArtifactInspector.TryParseKind(typeName, out var parsedKind))
        {
            kind = parsedKind;
        }

        var processes = parse.GetValue(pids);
        var cpuCount = parse.GetValue(cpus);
        var mode = NetworkModes.TryParse(parse.GetValue(network), out var parsedMode) ? parsedMode : NetworkMode.None;
        request = new DetonationRequest
        {
            ArtifactPath = commandMode ? null : values[0],
            ArtifactKind = kind,
            Arguments = commandMode ? values : values[1..],
            Network = mode,
            Sensor = parse.GetValue(sensor) == "none" ? SensorKind.None : SensorKind.Strace,
            Limits = new RunLimits
            {
                WallTime = TimeSpan.FromSeconds(seconds),
                MemoryBytes = memoryBytes,
                Processes = processes > 0 ? processes : null,
                Cpus = cpuCount > 0 ? cpuCount : null,
            },
            Environment = variables,
            ReadOnlyPaths = parse.GetValue(readOnly) ?? [],
            DeniedSyscalls = parse.GetValue(deny) ?? [],
            OutputDirectory = parse.GetValue(output),
            RunsDirectory = parse.GetValue(runs),
            WorkingDirectory = parse.GetValue(workdir) ?? DetonationRequest.DefaultWorkingDirectory,
            ExitWithArtifact = parse.GetValue(exitWithArtifact),
            Hostname = parse.GetValue(hostname) ?? DetonationRequest.DefaultHostname,
        };
        return true;
    }

    private static async Task<int> ExecuteAsync(DetonationRequest request, bool json, CancellationToken cancellation)
    {
        var progress = Console.IsErrorRedirected || json ? null : new ConsoleProgress();
        using var detonator = new Detonator(new DetonatorOptions { Progress = progress });
        RunResult result;
        try
        {
            result = await detonator.RunAsync(request, cancellation).ConfigureAwait(false);
        }
        catch (InvalidDetonationException ex)
        {
            progress?.Clear();
            await Console.Error.WriteLineAsync($"detektr: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }
        catch (SandboxUnavailableException ex)
        {
            progress?.Clear();
            await Console.Error.WriteLineAsync($"detektr: cannot build the sandbox: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.SandboxUnavailable;
        }

        progress?.Clear();
        if (result.LedgerProblem is { } ledgerProblem)
        {
            await Console.Error.WriteLineAsync($"detektr: warning: {ledgerProblem}").ConfigureAwait(false);
        }

        if (json)
        {
            await Console.Out.WriteLineAsync(ManifestJson.Serialize(result.Manifest)).ConfigureAwait(false);
        }
        else
        {
            RunSummaryView.Render(result);
        }

        return result.Reason switch
        {
            TerminationReason.Exited => result.ExitCode == 0 && result.Manifest.Termination.Signal is null ? ExitCodes.Success : ExitCodes.ArtifactFailed,
            TerminationReason.Cancelled => ExitCodes.Cancelled,
            _ => ExitCodes.LimitReached,
        };
    }
}
