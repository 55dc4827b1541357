namespace Detektr.Events;

/// <summary>What a <see cref="FileEvent"/> did to its target. Wire names are lower case.</summary>
public enum FileOperation
{
    /// <summary>The file did not exist and was created (open with O_CREAT, creat, link, symlink).</summary>
    Create,

    /// <summary>An existing file was opened for writing or truncated.</summary>
    Write,

    /// <summary>The file was unlinked.</summary>
    Delete,

    /// <summary>The file was renamed; <see cref="FileEvent.SourceFilename"/> holds the old name.</summary>
    Rename,

    /// <summary>The mode bits were changed.</summary>
    Chmod,

    /// <summary>The owner or group was changed.</summary>
    Chown,
}
