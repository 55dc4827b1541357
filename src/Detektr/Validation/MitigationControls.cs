using Detektr.Network;

namespace Detektr.Validation;

/// <summary>The controls a mitigation variant applies on top of its spec's sandbox: a network mode,
/// read-only paths, denied system calls, environment variables.</summary>
public sealed record MitigationControls
{
    /// <summary>Network mode for the variant; null keeps the spec's.</summary>
    public NetworkMode? Network { get; init; }

    /// <summary>Paths made read-only, added to the spec's.</summary>
    public IReadOnlyList<string> ReadOnlyPaths { get; init; } = [];

    /// <summary>System calls refused, added to the spec's.</summary>
    public IReadOnlyList<string> DeniedSyscalls { get; init; } = [];

    /// <summary>Environment variables, set over the spec's.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>True when no control is set.</summary>
    public bool IsEmpty => Network is null && ReadOnlyPaths.Count == 0 && DeniedSyscalls.Count == 0 && Environment.Count == 0;

    /// <summary>The spec's sandbox with these controls applied.</summary>
    public SpecSandbox ApplyTo(SpecSandbox sandbox)
    {
        ArgumentNullException.ThrowIfNull(sandbox);
        var environment = new Dictionary<string, string>(sandbox.Environment, StringComparer.Ordinal);
        foreach (var (name, value) in Environment)
        {
            environment[name] = value;
        }

        return sandbox with
        {
            Network = Network ?? sandbox.Network,
            ReadOnlyPaths = sandbox.ReadOnlyPaths.Concat(ReadOnlyPaths).Distinct(StringComparer.Ordinal).ToList(),
            DeniedSyscalls = sandbox.DeniedSyscalls.Concat(DeniedSyscalls).Distinct(StringComparer.Ordinal).ToList(),
            Environment = environment,
        };
    }

    /// <summary>For reports: <c>network none, read-only /etc/cron.d</c>.</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (Network is { } network)
        {
            parts.Add($"network {network.ToWireName()}");
        }

        parts.AddRange(ReadOnlyPaths.Select(p => $"read-only {p}"));
        parts.AddRange(DeniedSyscalls.Select(s => $"deny {s}"));
        parts.AddRange(Environment.Select(e => $"env {e.Key}={e.Value}"));
        return string.Join(", ", parts);
    }
}
