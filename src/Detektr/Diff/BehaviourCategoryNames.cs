namespace Detektr.Diff;

/// <summary>Names of <see cref="BehaviourCategory"/> values in reports.</summary>
public static class BehaviourCategoryNames
{
    /// <summary>The lower-case name used in JSON (<c>exit_status</c>, <c>file_operation</c>...).</summary>
    public static string ToWireName(this BehaviourCategory category) => category switch
    {
        BehaviourCategory.ExitStatus => "exit_status",
        BehaviourCategory.Process => "process",
        BehaviourCategory.FileOperation => "file_operation",
        BehaviourCategory.FileChange => "file_change",
        BehaviourCategory.Network => "network",
        BehaviourCategory.Dns => "dns",
        BehaviourCategory.Http => "http",
        BehaviourCategory.Persistence => "persistence",
        BehaviourCategory.BlockedSyscall => "blocked_syscall",
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, null),
    };

    /// <summary>The heading used in tables (<c>Exit status</c>, <c>File operations</c>...).</summary>
    public static string ToTitle(this BehaviourCategory category) => category switch
    {
        BehaviourCategory.ExitStatus => "Exit status",
        BehaviourCategory.Process => "Processes",
        BehaviourCategory.FileOperation => "File operations",
        BehaviourCategory.FileChange => "File changes",
        BehaviourCategory.Network => "Network",
        BehaviourCategory.Dns => "DNS",
        BehaviourCategory.Http => "HTTP",
        BehaviourCategory.Persistence => "Persistence",
        BehaviourCategory.BlockedSyscall => "Blocked system calls",
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, null),
    };
}
