using Detektr.Events;

namespace Detektr.Sensors.Strace;

/// <summary>What the interpreter made of a trace: finished process and file events, and the network
/// observations still to be joined with what the sink saw.</summary>
internal sealed class StraceAnalysis
{
    public List<DetektrEvent> Events { get; } = [];

    public List<ConnectionAttempt> Connections { get; } = [];

    public List<DnsSend> DnsSends { get; } = [];

    public List<BlockedCall> BlockedCalls { get; } = [];

    /// <summary>How the artifact's process ended, when the trace shows it.</summary>
    public RootOutcome? Root { get; set; }

    /// <summary>True once the artifact's first exec succeeded.</summary>
    public bool ArtifactStarted { get; set; }

    /// <summary>Distinct processes (not threads) of the run that the sensor saw.</summary>
    public int Processes { get; set; }

    /// <summary>Tasks that could not be placed in the process tree (their events are left out).</summary>
    public int UnlinkedTasks { get; set; }
}
