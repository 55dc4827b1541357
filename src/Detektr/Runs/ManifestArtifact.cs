namespace Detektr.Runs;

/// <summary>The artifact of a run, as the manifest records it.</summary>
public sealed record ManifestArtifact
{
    /// <summary>Path on the host when detonated.</summary>
    public required string HostPath { get; init; }

    /// <summary>Path inside the sandbox.</summary>
    public required string SandboxPath { get; init; }

    /// <summary><c>elf</c>, <c>shell</c>, <c>python</c>, <c>perl</c> or <c>script</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>One-line description.</summary>
    public required string Description { get; init; }

    /// <summary>SHA-256, lower-case hex.</summary>
    public required string Sha256 { get; init; }

    /// <summary>Size in bytes.</summary>
    public required long Size { get; init; }

    /// <summary>The interpreter, for scripts.</summary>
    public string? Interpreter { get; init; }
}
