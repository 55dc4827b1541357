namespace Detektr.Changes;

/// <summary>One entry of the run's layer diff (a line of <c>changes.jsonl</c>).</summary>
public sealed record FileChange
{
    /// <summary>The path inside the sandbox.</summary>
    public required string Path { get; init; }

    /// <summary><c>created</c>, <c>modified</c> (content), <c>metadata</c> (mode or owner only) or <c>deleted</c>.</summary>
    public required string Change { get; init; }

    /// <summary><c>file</c>, <c>directory</c>, <c>symlink</c>, <c>fifo</c>, <c>socket</c> or <c>device</c>.</summary>
    public required string Type { get; init; }

    /// <summary>Size in bytes (regular files).</summary>
    public long? Size { get; init; }

    /// <summary>SHA-256 of the content, lower-case hex (regular files).</summary>
    public string? Sha256 { get; init; }

    /// <summary>What the content looks like: <c>elf</c>, <c>script</c>, <c>text</c>, <c>data</c>, <c>empty</c>.</summary>
    public string? ContentType { get; init; }

    /// <summary>Permission bits in octal.</summary>
    public string? Mode { get; init; }

    /// <summary>Owner uid.</summary>
    public long? Uid { get; init; }

    /// <summary>Owner gid.</summary>
    public long? Gid { get; init; }

    /// <summary>Target of a symbolic link.</summary>
    public string? LinkTarget { get; init; }

    /// <summary>Where the run directory keeps a copy (relative to it), when one was kept.</summary>
    public string? Copy { get; init; }

    /// <summary>Why no copy was kept (over the per-file or per-run bound), when the file has content.</summary>
    public string? CopySkipped { get; init; }
}
