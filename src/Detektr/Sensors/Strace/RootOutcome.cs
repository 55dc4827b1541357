namespace Detektr.Sensors.Strace;

/// <summary>How the artifact's own process ended: an exit status or a signal name.</summary>
internal readonly record struct RootOutcome(int? ExitCode, string? Signal);
