namespace Detektr.Detonation;

/// <summary>Settings of a <see cref="Detonator"/> that hold for all its runs.</summary>
public sealed record DetonatorOptions
{
    /// <summary>Default run store, relative to the current directory.</summary>
    public const string DefaultRunsDirectory = "runs";

    /// <summary>The clock.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The run store.</summary>
    public string RunsDirectory { get; init; } = DefaultRunsDirectory;

    /// <summary>Keep the sensor's raw trace in the run directory (<c>trace.strace</c>).</summary>
    public bool KeepRawTrace { get; init; } = true;

    /// <summary>Where runs keep their writable layer while they run. Null picks /dev/shm when it is a tmpfs
    /// (the layer then counts toward the run's memory limit), else a directory inside the run directory.</summary>
    public string? ScratchDirectory { get; init; }

    /// <summary>Append each run's digest to the run store's ledger (<c>RUNS/ledger</c>).</summary>
    public bool RecordInLedger { get; init; } = true;

    /// <summary>Receives the stage a run is in, for progress displays.</summary>
    public IProgress<string>? Progress { get; init; }
}
