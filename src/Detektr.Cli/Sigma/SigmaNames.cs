using Detektr.Sigma.Rules;

namespace Detektr.Cli.Sigma;

/// <summary>Wire names of Sigma enums as rule files spell them (lower case).</summary>
internal static class SigmaNames
{
    public static string? Of(SigmaLevel? level) => level?.ToString().ToLowerInvariant();

    public static string? Of(SigmaStatus? status) => status?.ToString().ToLowerInvariant();
}
