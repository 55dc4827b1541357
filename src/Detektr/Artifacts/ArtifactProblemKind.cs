namespace Detektr.Artifacts;

/// <summary>Why an artifact cannot be detonated.</summary>
public enum ArtifactProblemKind
{
    /// <summary>Nothing exists at the path.</summary>
    NotFound,

    /// <summary>The path is a directory, device, FIFO or socket rather than a regular file.</summary>
    NotAFile,

    /// <summary>The file exists but cannot be read.</summary>
    Unreadable,

    /// <summary>The file is empty.</summary>
    Empty,

    /// <summary>Neither ELF, nor a <c>#!</c> script, nor a script extension Detektr knows.</summary>
    UnknownType,

    /// <summary>The interpreter the script names does not exist.</summary>
    MissingInterpreter,

    /// <summary>An ELF binary for a machine other than x86-64.</summary>
    UnsupportedArchitecture,
}
