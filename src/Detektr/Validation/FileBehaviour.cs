using Detektr.Detonation;
using Detektr.Events;

namespace Detektr.Validation;

/// <summary>A file operation (<c>file_event</c>) on a path matching a glob, optionally limited to some
/// operations and to an acting image. A write to a read-only path or one seccomp refused is an attempt
/// with that errno as its outcome.</summary>
public sealed record FileBehaviour : Behaviour
{
    /// <summary>The path glob (<c>/etc/cron.d/*</c>), matched against the target file name.</summary>
    public required PathGlob Path { get; init; }

    /// <summary>The operations that count; empty for any.</summary>
    public IReadOnlyList<FileOperation> Operations { get; init; } = [];

    /// <summary>Pattern for the acting image.</summary>
    public WildcardPattern? Image { get; init; }

    /// <inheritdoc />
    public override string Kind => "file";

    /// <inheritdoc />
    public override string Describe()
    {
        var operations = Operations.Count == 0 ? "any operation" : string.Join('|', Operations.Select(FileEvent.OperationName));
        return Image is null ? $"file {operations} {Path}" : $"file {operations} {Path} by {Image}";
    }

    /// <inheritdoc />
    public override IReadOnlyList<Observation> Observe(RunResult run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run.Events.OfType<FileEvent>()
            .Where(e => Path.IsMatch(e.TargetFilename) &&
                        (Operations.Count == 0 || Operations.Contains(e.Operation)) &&
                        (Image?.IsMatch(e.Image) ?? true))
            .Select(e => new Observation([e.Sequence.Value],
                $"{e.TargetFilename} {FileEvent.OperationName(e.Operation)} by {e.Image} ({e.Outcome})", e.Outcome))
            .ToList();
    }
}
