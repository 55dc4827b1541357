namespace Detektr.Cli.Sigma;

/// <summary>Exit codes of <c>detektr sigma check</c> and <c>detektr sigma match</c>.</summary>
internal static class SigmaExitCodes
{
    /// <summary>check: every rule loaded (warnings allowed). match: the events were evaluated, whether or not a rule fired.</summary>
    public const int Success = 0;

    /// <summary>check: at least one rule was skipped. match: some events or rule evaluations were in error, so the result is incomplete.</summary>
    public const int Findings = 1;

    /// <summary>Usage: unknown option, nothing at the rules or events path, no rule files, no rule that loads (match).</summary>
    public const int InvalidInput = 2;
}
