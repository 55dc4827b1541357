namespace Detektr.Sensors.Strace;

/// <summary>One line of strace output, split into its parts but not yet interpreted.</summary>
/// <param name="Pid">The task id in strace's (the host's) PID namespace.</param>
/// <param name="Time">Timestamp of the line (the call's entry for calls).</param>
/// <param name="Kind">The shape of the line.</param>
/// <param name="Name">The system call name, for calls.</param>
/// <param name="Text">For <see cref="StraceLineKind.Call"/> the argument text between the parentheses;
/// for <see cref="StraceLineKind.Unfinished"/> the partial arguments; for
/// <see cref="StraceLineKind.Resumed"/> the rest of the line after <c>resumed&gt;</c>.</param>
/// <param name="Result">The text after <c>= </c>, for calls.</param>
/// <param name="Status">Exit status for <see cref="StraceLineKind.Exited"/>.</param>
/// <param name="Signal">Signal name for <see cref="StraceLineKind.Killed"/>.</param>
internal readonly record struct StraceLine(
    int Pid,
    DateTimeOffset Time,
    StraceLineKind Kind,
    string? Name,
    string? Text,
    string? Result,
    int Status,
    string? Signal);
