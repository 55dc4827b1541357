using Detektr.Detonation;

namespace Detektr.Validation;

/// <summary>Runs validation specs: detonates each spec's artifact and every mitigation variant of it in
/// sandboxes (up to <see cref="ValidationRunnerOptions.Parallelism"/> at once), evaluates the detection
/// rules over each run (writing <c>detections.jsonl</c> into the run directory) and judges every
/// expectation with its evidence.</summary>
public sealed class ValidationRunner
{
    private readonly Detonator _detonator;
    private readonly IDetectionEngine _engine;
    private readonly ValidationRunnerOptions _options;

    /// <summary>Creates a runner that detonates with <paramref name="detonator"/> and loads rules with
    /// <paramref name="engine"/>.</summary>
    public ValidationRunner(Detonator detonator, IDetectionEngine engine, ValidationRunnerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(detonator);
        ArgumentNullException.ThrowIfNull(engine);
        _detonator = detonator;
        _engine = engine;
        _options = options ?? new ValidationRunnerOptions();
        if (_options.Parallelism < 1)
        {
            throw new ArgumentException($"parallelism must be at least 1, was {_options.Parallelism}", nameof(options));
        }
    }

    /// <summary>Checks every spec against the rules it names, without running anything: each rule
    /// expectation must name exactly one loaded rule, each rules directory must exist, each artifact
    /// must exist, each prevention must be of a behaviour that can be shown prevented.</summary>
    /// <returns>Every problem found (empty when all specs can run).</returns>
    public IReadOnlyList<SpecProblem> Check(IReadOnlyList<ValidationSpec> specs)
    {
        ArgumentNullException.ThrowIfNull(specs);
        var problems = new List<SpecProblem>();
        foreach (var spec in specs)
        {
            Prepare(spec, problems);
        }

        return problems;
    }

    /// <summary>Runs every spec and judges its expectations.</summary>
    /// <exception cref="ValidationSpecException">A spec cannot run as written (see <see cref="Check"/>); nothing ran.</exception>
    /// <exception cref="SandboxUnavailableException">This machine cannot build the sandbox.</exception>
    public async Task<ValidationReport> RunAsync(IReadOnlyList<ValidationSpec> specs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(specs);
        var problems = new List<SpecProblem>();
        var prepared = specs.Select(spec => Prepare(spec, problems)).ToList();
        if (problems.Count > 0)
        {
            throw new ValidationSpecException(problems);
        }

        var time = _options.Time;
        var started = time.GetUtcNow();
        var startedTimestamp = time.GetTimestamp();
        var scripts = Path.Combine(Path.GetTempPath(), "detektr-validate-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            var jobs = new List<Job>();
            for (var index = 0; index < prepared.Count; index++)
            {
                var spec = prepared[index];
                var artifact = ArtifactFor(spec.Spec, index, scripts);
                jobs.Add(new Job(spec, null, artifact));
                jobs.AddRange(spec.Spec.Mitigations.Select(variant => new Job(spec, variant, artifact)));
            }

            var completed = 0;
            await Parallel.ForEachAsync(jobs,
                new ParallelOptions { MaxDegreeOfParallelism = _options.Parallelism, CancellationToken = cancellationToken },
                async (job, cancellation) =>
                {
                    job.Outcome = await RunJobAsync(job, cancellation).ConfigureAwait(false);
                    var done = Interlocked.Increment(ref completed);
                    _options.Progress?.Report(new ValidationProgress(job.Spec.Spec, job.Outcome.Run.Summary, done, jobs.Count));
                }).ConfigureAwait(false);

            var results = prepared.Select(spec => Judge(spec, jobs.Where(j => ReferenceEquals(j.Spec, spec)).ToList())).ToList();
            return new ValidationReport
            {
                Specs = results,
                StartedUtc = started,
                Duration = time.GetElapsedTime(startedTimestamp),
                Parallelism = _options.Parallelism,
            };
        }
        finally
        {
            try
            {
                if (Directory.Exists(scripts))
                {
                    Directory.Delete(scripts, recursive: true);
                }
            }
            catch (IOException)
            {
                // A leftover copy of an inline script in the temp directory is harmless.
            }
        }
    }

    private PreparedSpec Prepare(ValidationSpec spec, List<SpecProblem> problems)
    {
        var location = SpecLocation.InFile(spec.File);
        if (spec.Target.ArtifactPath is { } artifact && !File.Exists(artifact))
        {
            problems.Add(new SpecProblem(location, $"artifact '{artifact}' does not exist"));
        }

        foreach (var (_, expectation) in spec.AllExpectations)
        {
            if (expectation is PreventionExpectation { Behaviour.PreventionUnsupportedReason: { } reason })
            {
                problems.Add(new SpecProblem(expectation.Location, reason));
            }
        }

        var ruleExpectations = spec.AllExpectations.Select(e => e.Expectation).OfType<RuleExpectation>().ToList();
        var directory = spec.RulesDirectory ?? _options.DefaultRulesDirectory;
        IDetectionRules? rules = null;
        if (directory is null)
        {
            if (ruleExpectations.Count > 0)
            {
                problems.Add(new SpecProblem(ruleExpectations[0].Location,
                    "rule expectations need rules: give 'rules:' (a directory relative to the spec) or --rules"));
            }

            return new PreparedSpec(spec, null, new Dictionary<RuleExpectation, DetectionRuleInfo>());
        }

        try
        {
            rules = _engine.Load(directory);
        }
        catch (Exception ex) when (ex is DirectoryNotFoundException or FileNotFoundException or IOException or UnauthorizedAccessException)
        {
            problems.Add(new SpecProblem(spec.RulesLocation ?? location, $"cannot load rules from '{directory}': {ex.Message}"));
            return new PreparedSpec(spec, null, new Dictionary<RuleExpectation, DetectionRuleInfo>());
        }

        var resolved = new Dictionary<RuleExpectation, DetectionRuleInfo>(ReferenceEqualityComparer.Instance);
        foreach (var expectation in ruleExpectations)
        {
            var named = rules.Rules.Where(r => r.IsNamedBy(expectation.Selector)).ToList();
            if (named.Count == 1)
            {
                resolved[expectation] = named[0];
                continue;
            }

            if (named.Count > 1)
            {
                problems.Add(new SpecProblem(expectation.Location,
                    $"'{expectation.Selector}' names {named.Count} rules ({string.Join("; ", named.Select(r => $"{r} at {r.Source}"))}); name one by its id"));
                continue;
            }

            var skipped = rules.Skipped.FirstOrDefault(s => s.IsNamedBy(expectation.Selector));
            problems.Add(new SpecProblem(expectation.Location, skipped is not null
                ? $"rule '{expectation.Selector}' did not load ({skipped.Source}: {skipped.Reason})"
                : $"no rule has the id or title '{expectation.Selector}' among the {rules.Rules.Count} rules loaded from {rules.Source}"));
        }

        return new PreparedSpec(spec, rules, resolved);
    }

    private static string? ArtifactFor(ValidationSpec spec, int index, string scripts)
    {
        if (spec.Target.Script is not { } script)
        {
            return spec.Target.ArtifactPath;
        }

        // The sandbox copies the artifact to /tmp/NAME, so each inline script keeps its own name in a folder of its own.
        var folder = Path.Combine(scripts, index.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var path = Path.Combine(folder, spec.Target.ScriptName);
        File.WriteAllText(path, script);
        return path;
    }

    private async Task<JobOutcome> RunJobAsync(Job job, CancellationToken cancellationToken)
    {
        var time = _options.Time;
        var startedUtc = time.GetUtcNow();
        var started = time.GetTimestamp();
        var spec = job.Spec.Spec;
        var request = RequestFor(spec, job.Variant, job.Artifact);
        RunResult run;
        try
        {
            run = await _detonator.RunAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDetonationException ex)
        {
            var failed = new VariantRun { Variant = job.Variant, Duration = time.GetElapsedTime(started), Problem = ex.Message };
            return new JobOutcome(new JudgedRun(failed, null, null), startedUtc, time.GetUtcNow());
        }

        DetectionEvaluation? detections = null;
        string? problem = null;
        if (job.Spec.Rules is { } rules)
        {
            try
            {
                detections = rules.Evaluate(run.Directory);
                DetectionsLog.Write(run.Directory, detections.Detections);
                if (detections.Problems.Count > 0)
                {
                    problem = string.Join("; ", detections.Problems.Take(3));
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
            {
                problem = $"rules could not be evaluated: {ex.Message}";
                detections = new DetectionEvaluation([], [problem]);
            }
        }

        var summary = new VariantRun
        {
            Variant = job.Variant,
            RunId = run.RunId.Value,
            Directory = run.Directory,
            Termination = run.Manifest.Termination.Reason,
            ExitCode = run.ExitCode,
            Events = run.Events.Count,
            Detections = detections?.Detections.Count ?? 0,
            Duration = time.GetElapsedTime(started),
            Problem = problem,
        };
        return new JobOutcome(new JudgedRun(summary, run, detections ?? new DetectionEvaluation([], [])), startedUtc, time.GetUtcNow());
    }

    private DetonationRequest RequestFor(ValidationSpec spec, MitigationVariant? variant, string? artifact)
    {
        var sandbox = variant is null ? spec.Sandbox : variant.Controls.ApplyTo(spec.Sandbox);
        var request = artifact is not null
            ? DetonationRequest.ForArtifact(artifact, [.. spec.Target.Arguments])
            : DetonationRequest.ForCommand([.. spec.Target.Command ?? []]);
        return request with
        {
            ArtifactKind = spec.Target.Kind,
            Network = sandbox.Network,
            Limits = sandbox.Limits,
            Environment = sandbox.Environment,
            ReadOnlyPaths = sandbox.ReadOnlyPaths,
            DeniedSyscalls = sandbox.DeniedSyscalls,
            WorkingDirectory = sandbox.WorkingDirectory ?? DetonationRequest.DefaultWorkingDirectory,
            Hostname = sandbox.Hostname ?? DetonationRequest.DefaultHostname,
            ExitWithArtifact = sandbox.ExitWithArtifact,
            RunsDirectory = _options.RunsDirectory,
        };
    }

    private static SpecResult Judge(PreparedSpec spec, IReadOnlyList<Job> jobs)
    {
        var runs = jobs.ToDictionary(j => j.Variant?.Name ?? string.Empty, j => j.Outcome!.Run, StringComparer.Ordinal);
        var specRun = runs[string.Empty];
        var results = new List<ExpectationResult>();
        foreach (var (variant, expectation) in spec.Spec.AllExpectations)
        {
            var run = runs[variant?.Name ?? string.Empty];
            var rule = expectation is RuleExpectation r && spec.Resolved.TryGetValue(r, out var info) ? info : null;
            results.Add(ExpectationJudge.Judge(expectation, variant, run, specRun, rule));
        }

        var start = jobs.Min(j => j.Outcome!.StartedUtc);
        var end = jobs.Max(j => j.Outcome!.EndedUtc);
        return new SpecResult
        {
            Spec = spec.Spec,
            Runs = jobs.Select(j => j.Outcome!.Run.Summary).ToList(),
            Results = results,
            StartedUtc = start,
            Duration = end - start,
        };
    }

    private sealed record PreparedSpec(ValidationSpec Spec, IDetectionRules? Rules, IReadOnlyDictionary<RuleExpectation, DetectionRuleInfo> Resolved);

    private sealed class Job(PreparedSpec spec, MitigationVariant? variant, string? artifact)
    {
        public PreparedSpec Spec { get; } = spec;

        public MitigationVariant? Variant { get; } = variant;

        public string? Artifact { get; } = artifact;

        public JobOutcome? Outcome { get; set; }
    }

    private sealed record JobOutcome(JudgedRun Run, DateTimeOffset StartedUtc, DateTimeOffset EndedUtc);
}
