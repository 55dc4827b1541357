namespace Detektr.Diff;

/// <summary>The kinds of behaviour a run diff compares, in the order reports list them.</summary>
public enum BehaviourCategory
{
    /// <summary>How the run ended: exit status, signal, or the limit that ended it.</summary>
    ExitStatus,

    /// <summary>A program executed: image and command line; outcome: its exit status.</summary>
    Process,

    /// <summary>A file operation: operation and path; outcome: <c>success</c> or the errno.</summary>
    FileOperation,

    /// <summary>An entry of the layer diff: change and path; outcome: type, size and content hash.</summary>
    FileChange,

    /// <summary>A connection attempt: protocol and destination host and port; outcome: <c>success</c> or the errno.</summary>
    Network,

    /// <summary>A DNS question: type and name; outcome: the answers, or none.</summary>
    Dns,

    /// <summary>An HTTP request the sinkhole received: method, host and path.</summary>
    Http,

    /// <summary>A persistence finding: ATT&amp;CK technique and path; outcome: the change.</summary>
    Persistence,

    /// <summary>A system call the seccomp policy refused, by image.</summary>
    BlockedSyscall,
}
