using Detektr.Detonation;

namespace Detektr.Sandbox;

/// <summary>How the sandbox's process chain ended, as the supervisor saw it.</summary>
/// <param name="Reason">Why it ended.</param>
/// <param name="ChainExitCode">Exit code of the launch chain (bubblewrap's, for a run that started).</param>
/// <param name="CommandExitCode">Exit code bubblewrap reported for the command, when it did.</param>
/// <param name="Started">True when bubblewrap got as far as starting the command's init.</param>
/// <param name="Duration">Wall time from launch to the end of the chain.</param>
internal readonly record struct SandboxExit(TerminationReason Reason, int ChainExitCode, int? CommandExitCode, bool Started, TimeSpan Duration);
