using System.Collections.Concurrent;
using Detektr.Sigma.Loading;
using Detektr.Validation;

namespace Detektr.Cli.Sigma;

/// <summary>The Sigma engine behind <c>detektr validate</c>: loads each rules directory once.</summary>
internal sealed class SigmaDetectionEngine : IDetectionEngine
{
    private readonly ConcurrentDictionary<string, Lazy<SigmaDetectionRules>> _loaded = new(StringComparer.Ordinal);

    public IDetectionRules Load(string rulesDirectory)
    {
        var full = Path.GetFullPath(rulesDirectory);
        var lazy = _loaded.GetOrAdd(full, path => new Lazy<SigmaDetectionRules>(() => new SigmaDetectionRules(path, SigmaRuleLoader.LoadDirectory(path))));
        try
        {
            return lazy.Value;
        }
        catch (DirectoryNotFoundException)
        {
            _loaded.TryRemove(full, out _);
            throw;
        }
    }
}
