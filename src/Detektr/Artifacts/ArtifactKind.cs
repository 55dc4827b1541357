namespace Detektr.Artifacts;

/// <summary>How an artifact is executed inside the sandbox.</summary>
public enum ArtifactKind
{
    /// <summary>An x86-64 ELF executable, executed directly.</summary>
    Elf,

    /// <summary>A POSIX shell or bash script.</summary>
    ShellScript,

    /// <summary>A Python script.</summary>
    PythonScript,

    /// <summary>A Perl script.</summary>
    PerlScript,

    /// <summary>A script for another interpreter named by its <c>#!</c> line.</summary>
    Script,
}
