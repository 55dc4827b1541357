namespace Detektr.Runs;

/// <summary>Refused attempts of one system call by one process.</summary>
/// <param name="Syscall">The system call.</param>
/// <param name="Image">The process's image.</param>
/// <param name="ProcessId">The process id inside the sandbox.</param>
/// <param name="Attempts">How often it was tried.</param>
/// <param name="FirstUtc">When it was first tried.</param>
public sealed record BlockedSyscallSummary(string Syscall, string Image, long ProcessId, int Attempts, DateTimeOffset FirstUtc);
