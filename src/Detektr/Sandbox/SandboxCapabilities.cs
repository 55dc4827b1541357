namespace Detektr.Sandbox;

/// <summary>The capabilities root keeps inside the sandbox's user namespace: the set container runtimes
/// grant by default (file ownership and permission overrides, setuid/setgid, kill, binding low ports),
/// which lets artifacts behave as they would as root while the namespaces confine what the
/// capabilities reach. Everything else (CAP_SYS_ADMIN, CAP_SYS_PTRACE, CAP_NET_ADMIN...) is dropped.</summary>
public static class SandboxCapabilities
{
    /// <summary>The kept capabilities.</summary>
    public static readonly IReadOnlyList<string> Kept =
    [
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL", "CAP_SETGID", "CAP_SETUID",
        "CAP_SETPCAP", "CAP_NET_BIND_SERVICE", "CAP_NET_RAW", "CAP_SYS_CHROOT", "CAP_AUDIT_WRITE", "CAP_SETFCAP",
    ];
}
