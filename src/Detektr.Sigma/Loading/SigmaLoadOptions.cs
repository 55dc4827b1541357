using Detektr.Sigma.Logsources;

namespace Detektr.Sigma.Loading;

/// <summary>How rules are loaded and compiled.</summary>
public sealed record SigmaLoadOptions
{
    /// <summary>The default time limit for one regular expression match.</summary>
    public static readonly TimeSpan DefaultRegexTimeout = TimeSpan.FromMilliseconds(250);

    /// <summary>The defaults: the Detektr log source table, a 250 ms regex limit, subdirectories included.</summary>
    public static SigmaLoadOptions Default { get; } = new();

    /// <summary>The table mapping rule log sources to Detektr event types.</summary>
    public SigmaLogsourceMap LogsourceMap { get; init; } = SigmaLogsourceMap.Default;

    /// <summary>
    /// How long one regular expression match may run. Only expressions the linear-time engine cannot
    /// run (lookarounds, backreferences) can get near it; a match that exceeds it is an evaluation error.
    /// </summary>
    public TimeSpan RegexTimeout { get; init; } = DefaultRegexTimeout;

    /// <summary>Whether <see cref="SigmaRuleLoader.LoadDirectory"/> descends into subdirectories (hidden ones never).</summary>
    public bool Recursive { get; init; } = true;

    /// <summary>The file extensions read as rules.</summary>
    public IReadOnlyList<string> Extensions { get; init; } = [".yml", ".yaml"];
}
