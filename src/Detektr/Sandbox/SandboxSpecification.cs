using Detektr.Network;

namespace Detektr.Sandbox;

/// <summary>Everything the launcher needs to start one sandbox.</summary>
internal sealed record SandboxSpecification
{
    public required HostEnvironment Host { get; init; }

    public required SandboxLayer Layer { get; init; }

    /// <summary>The program and its arguments, as the sandbox sees them.</summary>
    public required IReadOnlyList<string> Command { get; init; }

    public required string WorkingDirectory { get; init; }

    public required string Hostname { get; init; }

    public required IReadOnlyDictionary<string, string> Environment { get; init; }

    public required NetworkMode Network { get; init; }

    /// <summary>For the sinkhole: the path of the network namespace to join.</summary>
    public string? NetworkNamespacePath { get; init; }

    /// <summary>A host file bound read-only over /etc/resolv.conf.</summary>
    public required string ResolverConfiguration { get; init; }

    /// <summary>The user namespace bubblewrap enters (identity-mapped, held by <see cref="UserNamespaceHolder"/>).</summary>
    public required string UserNamespacePath { get; init; }

    /// <summary>Sandbox paths bound read-only (mitigation controls).</summary>
    public IReadOnlyList<string> ReadOnlyPaths { get; init; } = [];

    /// <summary>The compiled seccomp program.</summary>
    public required string SeccompProgram { get; init; }

    /// <summary>The cgroup.procs files the sandbox joins before bubblewrap starts.</summary>
    public required IReadOnlyList<string> CgroupProcessFiles { get; init; }

    /// <summary>strace arguments (without the program), or null to run without the sensor.</summary>
    public IReadOnlyList<string>? SensorArguments { get; init; }

    /// <summary>Where the launch script writes the chain's exit status once the chain has ended.</summary>
    public required string ChainStatusFile { get; init; }

    /// <summary>True to keep the run going while any process of it lives (daemons included); false to
    /// end it when the artifact's own process ends.</summary>
    public bool WaitForDescendants { get; init; } = true;

    /// <summary>Where bubblewrap writes its child's pid (<c>--info-fd</c>).</summary>
    public required string InfoFile { get; init; }

    /// <summary>Where bubblewrap writes its status (<c>--json-status-fd</c>), including the exit code.</summary>
    public required string StatusFile { get; init; }
}
