using Detektr.Detonation;
using Detektr.Events;
using Detektr.Persistence;

namespace Detektr.Validation;

/// <summary>A persistence technique the run left behind (a finding of the manifest, by MITRE ATT&amp;CK id:
/// <c>T1053</c> also matches its sub-techniques such as <c>T1053.003</c>), optionally on a path glob. A file
/// operation on such a path that the system refused is an attempt.</summary>
public sealed record PersistenceBehaviour : Behaviour
{
    /// <summary>The technique id (<c>T1053.003</c>).</summary>
    public required string Technique { get; init; }

    /// <summary>Glob for the persisted path; null for any.</summary>
    public PathGlob? Path { get; init; }

    /// <inheritdoc />
    public override string Kind => "persistence";

    /// <inheritdoc />
    public override string Describe() => Path is null ? $"persistence {Technique}" : $"persistence {Technique} at {Path}";

    /// <summary>True when <paramref name="id"/> is <see cref="Technique"/> or one of its sub-techniques.</summary>
    public bool Covers(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return string.Equals(id, Technique, StringComparison.OrdinalIgnoreCase) ||
               (id.Length > Technique.Length && id[Technique.Length] == '.' && id.StartsWith(Technique, StringComparison.OrdinalIgnoreCase));
    }

    /// <inheritdoc />
    public override IReadOnlyList<Observation> Observe(RunResult run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var observations = new List<Observation>();
        foreach (var finding in run.Manifest.Persistence)
        {
            if (Covers(finding.Technique) && (Path?.IsMatch(finding.Path) ?? true))
            {
                var detail = finding.Detail is null ? string.Empty : $": {finding.Detail}";
                observations.Add(new Observation(finding.EventSequences,
                    $"{finding.Technique} {finding.Name}: {finding.Path} {finding.Change}{detail}", Observation.Success));
            }
        }

        foreach (var attempt in run.Events.OfType<FileEvent>())
        {
            if (attempt.Outcome != FileEvent.Succeeded &&
                PersistenceClassifier.TechniqueOf(attempt.TargetFilename) is { } technique && Covers(technique.Id) &&
                (Path?.IsMatch(attempt.TargetFilename) ?? true))
            {
                observations.Add(new Observation([attempt.Sequence.Value],
                    $"{technique.Id} {technique.Name}: {attempt.TargetFilename} {FileEvent.OperationName(attempt.Operation)} by {attempt.Image} ({attempt.Outcome})",
                    attempt.Outcome));
            }
        }

        return observations;
    }
}
