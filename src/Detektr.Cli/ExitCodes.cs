namespace Detektr.Cli;

/// <summary>Exit codes of <c>detektr</c>.</summary>
internal static class ExitCodes
{
    /// <summary>The run was recorded and the artifact exited with status 0.</summary>
    public const int Success = 0;

    /// <summary>The run was recorded; the artifact exited non-zero or was killed by a signal.</summary>
    public const int ArtifactFailed = 1;

    /// <summary>Bad input: unknown option, missing or unreadable artifact, unknown type. Nothing ran.</summary>
    public const int InvalidInput = 2;

    /// <summary>The run was recorded; it was ended at the deadline or a resource limit.</summary>
    public const int LimitReached = 3;

    /// <summary>This machine cannot build the sandbox (missing tools or privileges). Nothing ran.</summary>
    public const int SandboxUnavailable = 4;

    /// <summary>Interrupted (Ctrl-C); the run was recorded as cancelled.</summary>
    public const int Cancelled = 130;
}
