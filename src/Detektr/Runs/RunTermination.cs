namespace Detektr.Runs;

/// <summary>How a run ended.</summary>
/// <param name="Reason"><c>exited</c>, <c>timeout</c>, <c>memory_limit</c>, <c>process_limit</c>,
/// <c>trace_limit</c> or <c>cancelled</c>.</param>
/// <param name="ExitCode">The artifact's exit status, when it exited.</param>
/// <param name="Signal">The signal that ended the artifact's process, when one did.</param>
/// <param name="Detail">A sentence on what happened.</param>
public sealed record RunTermination(string Reason, int? ExitCode, string? Signal, string Detail);
