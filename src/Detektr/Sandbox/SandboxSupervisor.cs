using System.Diagnostics;
using Detektr.Detonation;
using Detektr.Limits;

namespace Detektr.Sandbox;

/// <summary>Starts the launch chain, captures its output, and ends it: when it exits by itself, or at
/// the deadline, a cgroup limit, the trace bound or cancellation, by killing the sandbox's init (the
/// kernel then kills every process in the PID namespace) and sweeping the cgroups.</summary>
internal static class SandboxSupervisor
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(2);
    private const int LimitPollEvery = 8;

    public sealed record Outputs(BoundedCapture Stdout, BoundedCapture Stderr);

    /// <summary>Runs the chain to its end.</summary>
    public static async Task<(SandboxExit Exit, Outputs Outputs)> RunAsync(
        IReadOnlyList<string> argv, SandboxSpecification spec, RunCgroups cgroups, RunLimits limits,
        string? tracePath, string stdoutPath, string stderrPath, TimeProvider time, CancellationToken cancellation)
    {
        var start = new ProcessStartInfo(argv[0])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in argv.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        var started = time.GetTimestamp();
        using var process = Process.Start(start) ?? throw new SandboxUnavailableException($"cannot start {argv[0]}");
        // stdin stays open for the whole run: the launch script's watchdog kills the run when it closes.
        var outputs = new Outputs(
            BoundedCapture.Start(process.StandardOutput.BaseStream, stdoutPath, limits.MaxOutputBytes),
            BoundedCapture.Start(process.StandardError.BaseStream, stderrPath, limits.MaxOutputBytes));
        var exited = process.WaitForExitAsync(CancellationToken.None);
        var reason = TerminationReason.Exited;
        int? initPid = null;
        // The run is over when the chain has exited and no process is left in its cgroups (daemons
        // the artifact left behind keep it going, up to the deadline).
        var polls = 0;
        while (!Finished(exited, spec, cgroups))
        {
            await Task.WhenAny(exited, Task.Delay(PollInterval, CancellationToken.None)).ConfigureAwait(false);
            if (Finished(exited, spec, cgroups))
            {
                break;
            }

            initPid ??= SandboxInfo.ReadChildPid(spec.InfoFile);
            TerminationReason? stop = null;
            if (cancellation.IsCancellationRequested)
            {
                stop = TerminationReason.Cancelled;
            }
            else if (time.GetElapsedTime(started) >= limits.WallTime)
            {
                stop = TerminationReason.Timeout;
            }
            else if (++polls % LimitPollEvery == 0)
            {
                // The cgroup counters and the trace size change slowly; reading them every few polls
                // keeps the end-of-run poll tight without rereading kernel files every millisecond.
                if (cgroups.LimitReached(out var limit))
                {
                    stop = limit;
                }
                else if (tracePath is not null && File.Exists(tracePath) && new FileInfo(tracePath).Length > limits.MaxTraceBytes)
                {
                    stop = TerminationReason.TraceLimit;
                }
            }

            if (stop is { } why)
            {
                reason = why;
                Kill(process, initPid, cgroups);
                break;
            }
        }

        // A limit can end a run faster than the poll notices: the OOM killer's victim dies and the
        // rest exits. The counters still tell.
        if (reason == TerminationReason.Exited && cgroups.LimitReached(out var reached))
        {
            reason = reached;
        }

        // Let the chain (the sensor, above all) see its processes die and finish writing before the
        // watchdog is released.
        for (var waited = 0; waited < 5000 && !exited.IsCompleted && !File.Exists(spec.ChainStatusFile); waited++)
        {
            await Task.WhenAny(exited, Task.Delay(PollInterval, CancellationToken.None)).ConfigureAwait(false);
        }

        process.StandardInput.Close();
        if (!await WaitAsync(exited, TimeSpan.FromSeconds(10)).ConfigureAwait(false))
        {
            // The chain did not wind down after the kill; take it apart from the top.
            process.Kill(entireProcessTree: true);
            cgroups.KillAll();
            await WaitAsync(exited, TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }

        // Anything left in the cgroups (nothing, normally: the PID namespace died with its init).
        cgroups.KillAll();
        await WaitAsync(Task.WhenAll(outputs.Stdout.Completion, outputs.Stderr.Completion), TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        var duration = time.GetElapsedTime(started);
        var exitCode = process.HasExited ? process.ExitCode : -1;
        initPid ??= SandboxInfo.ReadChildPid(spec.InfoFile);
        return (new SandboxExit(reason, exitCode, SandboxInfo.ReadExitCode(spec.StatusFile), initPid is not null, duration), outputs);
    }

    /// <summary>The chain has ended (or the launcher itself has) and no live process is left in the cgroups
    /// (which is only read once the chain has ended).</summary>
    private static bool Finished(Task exited, SandboxSpecification spec, RunCgroups cgroups) =>
        (exited.IsCompleted || File.Exists(spec.ChainStatusFile)) && !cgroups.HasProcesses();

    private static void Kill(Process process, int? initPid, RunCgroups cgroups)
    {
        if (initPid is { } pid)
        {
            Native.LibC.Kill(pid, 9);
        }
        else
        {
            // bubblewrap has not created the namespace yet: stop the chain itself.
            process.Kill(entireProcessTree: true);
        }

        cgroups.KillAll();
    }

    private static async Task<bool> WaitAsync(Task task, TimeSpan timeout)
    {
        var finished = await Task.WhenAny(task, Task.Delay(timeout, CancellationToken.None)).ConfigureAwait(false);
        return finished == task;
    }
}
