using Detektr.Artifacts;

namespace Detektr.Validation;

/// <summary>What a validation spec detonates: an artifact file, a script written inline in the spec, or
/// a command line. Exactly one of <see cref="ArtifactPath"/>, <see cref="Script"/> and
/// <see cref="Command"/> is set.</summary>
public sealed record SpecTarget
{
    /// <summary>The artifact on the host (absolute; a spec gives it relative to itself).</summary>
    public string? ArtifactPath { get; init; }

    /// <summary>An inline script, detonated as an artifact named <see cref="ScriptName"/>.</summary>
    public string? Script { get; init; }

    /// <summary>The file name an inline script gets in the sandbox's <c>/tmp</c>.</summary>
    public string ScriptName { get; init; } = "script.sh";

    /// <summary>A command and its arguments, resolved on the sandbox's PATH.</summary>
    public IReadOnlyList<string>? Command { get; init; }

    /// <summary>Arguments after an artifact or inline script.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>How to run an artifact without a <c>#!</c> line; null to detect.</summary>
    public ArtifactKind? Kind { get; init; }

    /// <summary>An artifact file to detonate.</summary>
    public static SpecTarget ForArtifact(string path, params string[] arguments) => new() { ArtifactPath = path, Arguments = arguments };

    /// <summary>An inline script to detonate.</summary>
    public static SpecTarget ForScript(string script, string name = "script.sh") => new() { Script = script, ScriptName = name };

    /// <summary>A command line to run.</summary>
    public static SpecTarget ForCommand(params string[] command) => new() { Command = command };

    /// <summary>For reports: the artifact path, the script name, or the command line.</summary>
    public string Describe() =>
        ArtifactPath ?? (Script is not null ? $"inline script {ScriptName}" : string.Join(' ', Command ?? []));
}
