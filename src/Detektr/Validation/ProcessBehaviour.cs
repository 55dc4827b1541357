using Detektr.Detonation;
using Detektr.Events;

namespace Detektr.Validation;

/// <summary>A program started (<c>process_creation</c>), by image, command line and parent image patterns
/// with Sigma wildcards; a pattern left out matches anything.</summary>
public sealed record ProcessBehaviour : Behaviour
{
    /// <summary>Pattern for the executed image (<c>*/curl</c>).</summary>
    public WildcardPattern? Image { get; init; }

    /// <summary>Pattern for the whole command line (<c>*base64 -d*</c>).</summary>
    public WildcardPattern? CommandLine { get; init; }

    /// <summary>Pattern for the parent's image.</summary>
    public WildcardPattern? ParentImage { get; init; }

    /// <inheritdoc />
    public override string Kind => "process";

    /// <inheritdoc />
    public override string? PreventionUnsupportedReason =>
        "a process cannot be shown prevented: an exec the system refuses leaves no process_creation event";

    /// <inheritdoc />
    public override string Describe()
    {
        var parts = new List<string> { "process" };
        if (Image is not null)
        {
            parts.Add($"image {Image}");
        }

        if (CommandLine is not null)
        {
            parts.Add($"command line {CommandLine}");
        }

        if (ParentImage is not null)
        {
            parts.Add($"parent {ParentImage}");
        }

        return string.Join(' ', parts);
    }

    /// <inheritdoc />
    public override IReadOnlyList<Observation> Observe(RunResult run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run.Events.OfType<ProcessCreationEvent>()
            .Where(e => (Image?.IsMatch(e.Image) ?? true) &&
                        (CommandLine?.IsMatch(e.CommandLine) ?? true) &&
                        (ParentImage is null || (e.ParentImage is { } parent && ParentImage.IsMatch(parent))))
            .Select(e => new Observation([e.Sequence.Value], $"pid {e.ProcessId} {e.CommandLine}", Observation.Success))
            .ToList();
    }
}
