using Detektr.Sigma.Matching;
using Detektr.Sigma.Rules;

namespace Detektr.Sigma.Loading;

/// <summary>What loading rules gave: the rules that loaded, and those that did not with the reasons.</summary>
public sealed class SigmaLoadResult
{
    internal SigmaLoadResult(IReadOnlyList<SigmaRule> rules, IReadOnlyList<SkippedRule> skipped, int filesRead)
    {
        Rules = rules;
        Skipped = skipped;
        FilesRead = filesRead;
    }

    /// <summary>The rules that loaded, in file order (files sorted by path).</summary>
    public IReadOnlyList<SigmaRule> Rules { get; }

    /// <summary>The rules and files that were not loaded, with every problem found.</summary>
    public IReadOnlyList<SkippedRule> Skipped { get; }

    /// <summary>How many files were read.</summary>
    public int FilesRead { get; }

    /// <summary>Warnings on loaded rules (they load, but may not behave as their author expects).</summary>
    public IEnumerable<SigmaProblem> Warnings => Rules.SelectMany(r => r.Warnings);

    /// <summary>Builds the matcher over the loaded rules.</summary>
    public CompiledRuleSet Compile() => new(Rules);
}
