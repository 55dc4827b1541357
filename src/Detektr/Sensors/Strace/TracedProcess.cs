namespace Detektr.Sensors.Strace;

/// <summary>What the interpreter knows of one task while it walks the trace.</summary>
internal sealed class TracedProcess(int hostPid)
{
    public int HostPid { get; } = hostPid;

    /// <summary>The pid inside the sandbox's PID namespace; null for host-side tasks (the launcher,
    /// bubblewrap's outer process).</summary>
    public long? NamespacePid { get; set; }

    /// <summary>The thread-group leader; the task itself for processes.</summary>
    public TracedProcess Leader { get; set; } = null!;

    /// <summary>The parent process (a leader).</summary>
    public TracedProcess? Parent { get; set; }

    public bool IsThread => !ReferenceEquals(Leader, this);

    public string Image { get; set; } = string.Empty;

    public string CommandLine { get; set; } = string.Empty;

    public string CurrentDirectory { get; set; } = "/";

    public long Uid { get; set; }

    /// <summary>True from the artifact's first exec on, for it and everything it spawns.</summary>
    public bool Started { get; set; }

    /// <summary>True for the sandbox's init (bubblewrap's reaper, PID 1 inside).</summary>
    public bool IsSandboxInit { get; set; }

    public bool Exited { get; set; }
}
