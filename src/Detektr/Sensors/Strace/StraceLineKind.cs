namespace Detektr.Sensors.Strace;

/// <summary>The shapes a line of <c>strace -f -ttt</c> output takes.</summary>
internal enum StraceLineKind
{
    /// <summary><c>name(args) = result</c>.</summary>
    Call,

    /// <summary><c>name(args &lt;unfinished ...&gt;</c>: another task's line interrupted this call.</summary>
    Unfinished,

    /// <summary><c>&lt;... name resumed&gt;rest) = result</c>: the end of an unfinished call.</summary>
    Resumed,

    /// <summary><c>+++ exited with N +++</c>.</summary>
    Exited,

    /// <summary><c>+++ killed by SIGNAME +++</c>.</summary>
    Killed,

    /// <summary>Anything else (signal deliveries, detach notes), which the interpreter ignores.</summary>
    Other,
}
