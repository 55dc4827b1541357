namespace Detektr.Sensors.Strace;

/// <summary>Who created a task: the creating task's host pid, the new task's pid inside the sandbox
/// (null for host-side tasks), whether it is a thread, and whether it is the sandbox's init.</summary>
internal readonly record struct ProcessLink(int ParentHostPid, long? NamespacePid, bool IsThread, bool IsSandboxInit);
