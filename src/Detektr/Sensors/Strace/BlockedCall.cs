namespace Detektr.Sensors.Strace;

/// <summary>A system call the seccomp policy refused, as the sensor saw it attempted.</summary>
internal sealed record BlockedCall(DateTimeOffset Time, string Syscall, string Image, long ProcessId);
