namespace Detektr.Runs;

/// <summary>The telemetry sensor of a run.</summary>
/// <param name="Name"><c>strace</c>, or <c>none</c>.</param>
/// <param name="Version">Its version.</param>
/// <param name="TracedSyscalls">The system calls it traced.</param>
public sealed record SensorDescription(string Name, string? Version, IReadOnlyList<string> TracedSyscalls);
