namespace Detektr.Validation;

/// <summary>Settings of a <see cref="ValidationRunner"/>.</summary>
public sealed record ValidationRunnerOptions
{
    /// <summary>Detonations that run at once; by default one per processor.</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Rules for specs that do not name their own <c>rules:</c> directory; null for none.</summary>
    public string? DefaultRulesDirectory { get; init; }

    /// <summary>The run store for the runs; null for the detonator's.</summary>
    public string? RunsDirectory { get; init; }

    /// <summary>The clock.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Receives each run as it finishes.</summary>
    public IProgress<ValidationProgress>? Progress { get; init; }
}
