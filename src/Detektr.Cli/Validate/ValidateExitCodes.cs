namespace Detektr.Cli.Validate;

/// <summary>Exit codes of <c>detektr validate</c>.</summary>
internal static class ValidateExitCodes
{
    /// <summary>Every expectation of every spec passed.</summary>
    public const int Passed = 0;

    /// <summary>At least one expectation failed or could not be judged (or a report could not be written).</summary>
    public const int Failed = 1;

    /// <summary>A spec is malformed (the line and the problem are printed), a rule it names does not load, or the
    /// command line is wrong (including a report path in a directory that does not exist). Nothing ran.</summary>
    public const int InvalidSpec = 2;

    /// <summary>This machine cannot build the sandbox (missing program, not root).</summary>
    public const int SandboxUnavailable = 4;

    /// <summary>Interrupted (Ctrl-C); every process was killed.</summary>
    public const int Cancelled = 130;
}
