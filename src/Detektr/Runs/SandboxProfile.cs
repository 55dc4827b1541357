namespace Detektr.Runs;

/// <summary>How the sandbox of a run was built, as the manifest records it.</summary>
public sealed record SandboxProfile
{
    /// <summary>The isolation tool and its version (<c>bubblewrap 0.8.0</c>).</summary>
    public required string Isolation { get; init; }

    /// <summary>Namespaces the sandbox got.</summary>
    public required IReadOnlyList<string> Namespaces { get; init; }

    /// <summary>How the root filesystem was provided.</summary>
    public required string RootFilesystem { get; init; }

    /// <summary>Directories that started empty.</summary>
    public required IReadOnlyList<string> FreshDirectories { get; init; }

    /// <summary>Host paths hidden behind an empty tmpfs.</summary>
    public required IReadOnlyList<string> MaskedPaths { get; init; }

    /// <summary>Paths made read-only for the run.</summary>
    public required IReadOnlyList<string> ReadOnlyPaths { get; init; }

    /// <summary><c>none</c> or <c>sinkhole</c>.</summary>
    public required string Network { get; init; }

    /// <summary>For the sinkhole, the sink's address.</summary>
    public string? SinkAddress { get; init; }

    /// <summary>The user the artifact runs as.</summary>
    public required string User { get; init; }

    /// <summary>Capabilities kept inside the user namespace.</summary>
    public required IReadOnlyList<string> Capabilities { get; init; }

    /// <summary>The seccomp policy.</summary>
    public required SeccompDescription Seccomp { get; init; }

    /// <summary>Landlock: whether the kernel offers it and whether the run used it.</summary>
    public required LandlockDescription Landlock { get; init; }

    /// <summary>Hostname inside the sandbox.</summary>
    public required string Hostname { get; init; }

    /// <summary>Working directory of the artifact.</summary>
    public required string WorkingDirectory { get; init; }

    /// <summary>Environment variables given to the artifact.</summary>
    public required IReadOnlyDictionary<string, string> Environment { get; init; }
}
