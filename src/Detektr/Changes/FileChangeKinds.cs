namespace Detektr.Changes;

/// <summary>The values of <see cref="FileChange.Change"/>.</summary>
public static class FileChangeKinds
{
    /// <summary>The path did not exist before the run.</summary>
    public const string Created = "created";

    /// <summary>The content changed.</summary>
    public const string Modified = "modified";

    /// <summary>Only mode or ownership changed.</summary>
    public const string Metadata = "metadata";

    /// <summary>The path existed before the run and no longer does.</summary>
    public const string Deleted = "deleted";
}
