namespace Detektr.Artifacts;

/// <summary>What Detektr learned about an artifact before detonating it.</summary>
public sealed record ArtifactInfo
{
    /// <summary>Absolute path of the artifact on the host.</summary>
    public required string HostPath { get; init; }

    /// <summary>The file name, used for the artifact's path inside the sandbox.</summary>
    public required string FileName { get; init; }

    /// <summary>How the artifact runs.</summary>
    public required ArtifactKind Kind { get; init; }

    /// <summary>For scripts, the interpreter that runs it (from the <c>#!</c> line or the type).</summary>
    public string? Interpreter { get; init; }

    /// <summary>For scripts with a <c>#!</c> line, its optional argument (<c>python3</c> in
    /// <c>#!/usr/bin/env python3</c>).</summary>
    public string? InterpreterArgument { get; init; }

    /// <summary>True when the script carries a <c>#!</c> line, so the kernel picks the interpreter.</summary>
    public bool HasShebang { get; init; }

    /// <summary>Digest of the content.</summary>
    public required Sha256Hash Sha256 { get; init; }

    /// <summary>Size in bytes.</summary>
    public required long Size { get; init; }

    /// <summary>A one-line description (<c>ELF 64-bit x86-64</c>, <c>Python script (#!/usr/bin/env python3)</c>).</summary>
    public required string Description { get; init; }

    /// <summary>Short wire name of <see cref="Kind"/> (<c>elf</c>, <c>shell</c>, <c>python</c>, <c>perl</c>, <c>script</c>).</summary>
    public string KindName => ArtifactInspector.KindName(Kind);
}
