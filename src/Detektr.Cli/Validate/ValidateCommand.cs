using System.CommandLine;
using System.Globalization;
using Detektr.Cli.Sigma;
using Detektr.Detonation;
using Detektr.Validation;

namespace Detektr.Cli.Validate;

/// <summary><c>detektr validate SPEC|DIR... [--rules DIR] [--junit FILE] [--sarif FILE] [--json] [--parallel N]</c>:
/// runs detection-as-code tests in sandboxes and judges each expectation with its evidence.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var specs = new Argument<string[]>("specs")
        {
            Description = "Validation spec files, or directories whose .yml/.yaml files are specs",
            Arity = ArgumentArity.OneOrMore,
            HelpName = "SPEC|DIR",
        };
        var rules = new Option<string?>("--rules") { Description = "Sigma rules for specs that do not name their own 'rules:'", HelpName = "DIR" };
        var junit = new Option<string?>("--junit") { Description = "Write a JUnit XML report (one testsuite per spec, one testcase per expectation)", HelpName = "FILE" };
        var sarif = new Option<string?>("--sarif") { Description = "Write a SARIF 2.1.0 report (one result per failed expectation)", HelpName = "FILE" };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON instead of the table" };
        var parallel = new Option<int>("--parallel")
        {
            Description = "Sandboxes run at once (default: the number of processors)",
            DefaultValueFactory = _ => Environment.ProcessorCount,
            HelpName = "N",
        };
        var runs = new Option<string>("--runs")
        {
            Description = "Run store for the runs (each run directory gets a detections.jsonl)",
            HelpName = "DIR",
            DefaultValueFactory = _ => DetonatorOptions.DefaultRunsDirectory,
        };
        var check = new Option<bool>("--check") { Description = "Only read the specs and resolve their rules; run nothing" };
        var command = new Command("validate", "Run validation specs: detonate each artifact and its mitigation variants, check rules fired and behaviours occurred or were prevented")
        {
            specs, rules, junit, sarif, json, parallel, runs, check,
        };
        command.SetAction(async (parse, cancellation) => await ExecuteAsync(new Settings(
            parse.GetValue(specs) ?? [], parse.GetValue(rules), parse.GetValue(junit), parse.GetValue(sarif), parse.GetValue(json),
            parse.GetValue(parallel), parse.GetValue(runs)!, parse.GetValue(check)), cancellation).ConfigureAwait(false));
        return command;
    }

    private sealed record Settings(string[] Paths, string? Rules, string? JUnit, string? Sarif, bool Json, int Parallel, string Runs, bool CheckOnly);

    private static async Task<int> ExecuteAsync(Settings settings, CancellationToken cancellation)
    {
        if (settings.Parallel < 1)
        {
            await Console.Error.WriteLineAsync($"detektr: --parallel must be at least 1, got {settings.Parallel}").ConfigureAwait(false);
            return ValidateExitCodes.InvalidSpec;
        }

        if (settings.Rules is { } rulesPath && !Directory.Exists(rulesPath) && !File.Exists(rulesPath))
        {
            await Console.Error.WriteLineAsync($"detektr: --rules: nothing at '{rulesPath}'").ConfigureAwait(false);
            return ValidateExitCodes.InvalidSpec;
        }

        foreach (var (option, path) in new[] { ("--junit", settings.JUnit), ("--sarif", settings.Sarif) })
        {
            if (path is not null && Path.GetDirectoryName(Path.GetFullPath(path)) is { } parent && !Directory.Exists(parent))
            {
                // Checked first: finding out after every sandbox has run would waste the run.
                await Console.Error.WriteLineAsync($"detektr: {option}: the directory '{parent}' does not exist").ConfigureAwait(false);
                return ValidateExitCodes.InvalidSpec;
            }
        }

        var (specs, problems) = ReadSpecs(settings.Paths);
        if (problems.Count == 0 && specs.Count == 0)
        {
            await Console.Error.WriteLineAsync($"detektr: no validation specs (.yml, .yaml) in {string.Join(", ", settings.Paths)}").ConfigureAwait(false);
            return ValidateExitCodes.InvalidSpec;
        }

        var engine = new SigmaDetectionEngine();
        using var detonator = new Detonator(new DetonatorOptions { RunsDirectory = settings.Runs });
        var options = new ValidationRunnerOptions
        {
            Parallelism = settings.Parallel,
            DefaultRulesDirectory = settings.Rules is null ? null : Path.GetFullPath(settings.Rules),
            RunsDirectory = settings.Runs,
            Progress = new Progress(),
        };
        var runner = new ValidationRunner(detonator, engine, options);
        problems.AddRange(runner.Check(specs));
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                await Console.Error.WriteLineAsync(Relative(problem)).ConfigureAwait(false);
            }

            await Console.Error.WriteLineAsync($"detektr: {problems.Count} problem(s) in the specs; nothing ran").ConfigureAwait(false);
            return ValidateExitCodes.InvalidSpec;
        }

        if (settings.CheckOnly)
        {
            var count = specs.Sum(s => s.AllExpectations.Count());
            await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{specs.Count} spec(s), {specs.Sum(s => 1 + s.Mitigations.Count)} run(s), {count} expectation(s): all well-formed")).ConfigureAwait(false);
            return ValidateExitCodes.Passed;
        }

        ValidationReport report;
        try
        {
            report = await runner.RunAsync(specs, cancellation).ConfigureAwait(false);
        }
        catch (ValidationSpecException ex)
        {
            foreach (var problem in ex.Problems)
            {
                await Console.Error.WriteLineAsync(Relative(problem)).ConfigureAwait(false);
            }

            return ValidateExitCodes.InvalidSpec;
        }
        catch (SandboxUnavailableException ex)
        {
            await Console.Error.WriteLineAsync($"detektr: cannot build the sandbox: {ex.Message}").ConfigureAwait(false);
            return ValidateExitCodes.SandboxUnavailable;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("detektr: interrupted").ConfigureAwait(false);
            return ValidateExitCodes.Cancelled;
        }

        var reportsWritten = true;
        try
        {
            if (settings.JUnit is { } junitPath)
            {
                JUnitReport.Write(report, junitPath);
            }

            if (settings.Sarif is { } sarifPath)
            {
                SarifReport.Write(report, sarifPath);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"detektr: cannot write a report: {ex.Message}").ConfigureAwait(false);
            reportsWritten = false;
        }

        if (settings.Json)
        {
            await Console.Out.WriteLineAsync(ValidationReportJson.Serialize(report)).ConfigureAwait(false);
        }
        else
        {
            ValidationReportView.Render(report);
        }

        return report.Passed && reportsWritten ? ValidateExitCodes.Passed : ValidateExitCodes.Failed;
    }

    private static (List<ValidationSpec> Specs, List<SpecProblem> Problems) ReadSpecs(IEnumerable<string> paths)
    {
        var specs = new List<ValidationSpec>();
        var problems = new List<SpecProblem>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            IReadOnlyList<string> files;
            try
            {
                files = ValidationSpecReader.FindSpecs(path);
            }
            catch (FileNotFoundException ex)
            {
                problems.Add(new SpecProblem(SpecLocation.InFile(path), ex.Message));
                continue;
            }

            foreach (var file in files.Where(seen.Add))
            {
                try
                {
                    specs.Add(ValidationSpecReader.Read(file));
                }
                catch (ValidationSpecException ex)
                {
                    problems.AddRange(ex.Problems);
                }
            }
        }

        var duplicates = specs.GroupBy(s => s.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1);
        foreach (var duplicate in duplicates)
        {
            foreach (var spec in duplicate.Skip(1))
            {
                problems.Add(new SpecProblem(SpecLocation.InFile(spec.File),
                    $"the name '{spec.Name}' is also used by {Path.GetRelativePath(Environment.CurrentDirectory, duplicate.First().File)}; reports need unique names"));
            }
        }

        return (specs, problems);
    }

    private static string Relative(SpecProblem problem)
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, problem.Location.File);
        var file = relative.StartsWith("..", StringComparison.Ordinal) ? problem.Location.File : relative;
        return (problem with { Location = problem.Location with { File = file } }).ToString();
    }

    /// <summary>One line on stderr per finished run, so long validations show where they are (also in CI logs).</summary>
    private sealed class Progress : IProgress<ValidationProgress>
    {
        private readonly Lock _gate = new();

        public void Report(ValidationProgress value)
        {
            var run = value.Run;
            var outcome = run.Problem is not null && run.RunId is null ? $"not run: {run.Problem}" : $"{run.Termination}, {run.Events} events, {run.Detections} detections";
            lock (_gate)
            {
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"[{value.Completed}/{value.Total}] {value.Spec.Name} ({run.Label}): {outcome} in {run.Duration.TotalSeconds:0.00} s"));
            }
        }
    }
}
