namespace Detektr.Detonation;

/// <summary>Which telemetry sensor watches the run.</summary>
public enum SensorKind
{
    /// <summary>strace: process, file and network events from system calls.</summary>
    Strace,

    /// <summary>No sensor: only the layer diff, the sink's records and the exit status are recorded
    /// (used to measure the sandbox's own overhead).</summary>
    None,
}
