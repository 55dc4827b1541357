namespace Detektr.Detonation;

/// <summary>Why a run ended. Wire names are snake_case (<see cref="TerminationReasons"/>).</summary>
public enum TerminationReason
{
    /// <summary>Every process of the run exited on its own; the artifact's status is in the manifest.</summary>
    Exited,

    /// <summary>The wall-time limit passed; every process was killed.</summary>
    Timeout,

    /// <summary>The kernel OOM-killed a process at the memory limit; every process was then killed.</summary>
    MemoryLimit,

    /// <summary>A fork failed at the process limit; every process was then killed.</summary>
    ProcessLimit,

    /// <summary>The sensor's trace outgrew its bound; every process was killed.</summary>
    TraceLimit,

    /// <summary>The caller cancelled the run; every process was killed.</summary>
    Cancelled,
}
