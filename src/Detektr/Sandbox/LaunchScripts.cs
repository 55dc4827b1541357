using System.Globalization;
using System.Text;
using Detektr.Network;

namespace Detektr.Sandbox;

/// <summary>Writes the two small shell scripts that assemble a sandbox, and returns the command that
/// starts them. The chain is: <c>unshare -m</c> (a private mount namespace, so the overlay mount
/// vanishes with the run) → launch.sh (mounts the overlay, starts strace and a watchdog) → enter.sh (joins the run's cgroups, then execs bubblewrap, through nsenter in sinkhole
/// mode), with a watchdog beside it that kills the run if Detektr dies. Only enter.sh and what it execs are in the cgroups; the sensor stays outside the limits.</summary>
internal static class LaunchScripts
{
    /// <summary>Writes the scripts into the layer's scratch directory and returns the argv to start.</summary>
    public static IReadOnlyList<string> Write(SandboxSpecification spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var host = spec.Host;
        var layer = spec.Layer;
        foreach (var path in new[] { layer.Upper, layer.Work, layer.Merged })
        {
            if (path.Contains(',', StringComparison.Ordinal) || path.Contains(':', StringComparison.Ordinal))
            {
                throw new Detonation.InvalidDetonationException(
                    $"the run directory '{layer.Root}' contains ',' or ':', which overlayfs mount options cannot carry");
            }
        }

        var enter = Path.Join(layer.Root, "enter.sh");
        var launch = Path.Join(layer.Root, "launch.sh");
        if (spec.SensorArguments is not null)
        {
            File.WriteAllText(enter, EnterScript(spec));
        }
        var builder = new StringBuilder();
        var inherited = InheritedDescriptors.Find();
        if (inherited.Count > 0)
        {
            builder.Append("exec");
            foreach (var fd in inherited)
            {
                builder.Append(CultureInfo.InvariantCulture, $" {fd}>&-");
            }

            builder.AppendLine();
        }

        builder.Append(CultureInfo.InvariantCulture,
            $"{Q(host.MountPath!)} -t overlay overlay -o {Q($"lowerdir=/,upperdir={layer.Upper},workdir={layer.Work}")} {Q(layer.Merged)}");
        builder.AppendLine(" || { echo 'detektr: cannot mount the overlay layer' >&2; exit 125; }");
        builder.AppendLine("exec 3<&0");
        if (spec.SensorArguments is { } sensor)
        {
            builder.Append(Q(host.StracePath!)).Append(' ').Append(ShellQuoting.Join(sensor)).Append(" -- ");
        }

        if (spec.SensorArguments is null)
        {
            // Without a sensor no separate program is needed: a subshell joins the cgroups and
            // becomes bubblewrap.
            builder.AppendLine("(").Append(EnterScript(spec)).AppendLine(") </dev/null 3<&- &");
        }
        else
        {
            builder.Append("/bin/sh ").Append(Q(enter)).AppendLine(" </dev/null 3<&- &");
        }
        builder.AppendLine("chain=$!");
        // The watchdog holds Detektr's end of stdin: when Detektr closes it (the run is over) or dies, the
        // read ends and every process left in the run's cgroups is killed. The sensor is left to notice
        // its tracees die and finish its trace.
        builder.AppendLine("{ read -r _ <&3; ");
        foreach (var procs in spec.CgroupProcessFiles)
        {
            builder.AppendLine(CultureInfo.InvariantCulture, $"  while read -r p; do kill -9 \"$p\" 2>/dev/null; done < {Q(procs)}");
        }

        builder.AppendLine("  true; } >/dev/null 2>&1 &");
        builder.AppendLine("watchdog=$!");
        builder.AppendLine("exec 3<&-");
        builder.AppendLine("wait \"$chain\"; status=$?");
        builder.AppendLine(CultureInfo.InvariantCulture, $"echo \"$status\" > {Q(spec.ChainStatusFile)}");
        builder.AppendLine("wait \"$watchdog\"");
        builder.AppendLine("exit \"$status\"");
        File.WriteAllText(launch, builder.ToString());
        // dash starts faster, but cannot name descriptors above 9; bash is used when such inherited
        // descriptors have to be closed.
        string[] shell = inherited.Any(fd => fd > 9) ? ["/bin/bash", "--noprofile", "--norc"] : ["/bin/sh"];
        return [host.UnsharePath!, "--mount", "--propagation", "private", "--", .. shell, launch];
    }

    /// <summary>Joins the cgroups (writing 0 moves the writing shell itself, whether a script or a
    /// subshell) and becomes bubblewrap.</summary>
    private static string EnterScript(SandboxSpecification spec)
    {
        var builder = new StringBuilder();
        foreach (var procs in spec.CgroupProcessFiles)
        {
            builder.AppendLine(CultureInfo.InvariantCulture,
                $"echo 0 > {Q(procs)} || {{ echo 'detektr: cannot join cgroup {procs}' >&2; exit 125; }}");
        }

        builder.AppendLine("ulimit -c 0");
        builder.Append("exec ");
        if (spec.Network == NetworkMode.Sinkhole)
        {
            builder.Append(CultureInfo.InvariantCulture, $"{Q(spec.Host.NsenterPath!)} --net={Q(spec.NetworkNamespacePath!)} -- ");
        }

        builder.Append(ShellQuoting.Join(BubblewrapArguments(spec)));
        builder.Append(CultureInfo.InvariantCulture,
            $" 3>{Q(spec.InfoFile)} 4>{Q(spec.StatusFile)} 5<{Q(spec.SeccompProgram)} 6<{Q(spec.UserNamespacePath)}");
        builder.AppendLine();
        return builder.ToString();
    }

    /// <summary>The bubblewrap command line: every namespace, the overlay as root, fresh /proc and /dev,
    /// the store masked, a clean environment, the seccomp program on fd 5.</summary>
    public static List<string> BubblewrapArguments(SandboxSpecification spec)
    {
        var args = new List<string>
        {
            spec.Host.BubblewrapPath!,
            "--userns", "6", "--unshare-ipc", "--unshare-pid", "--unshare-uts", "--unshare-cgroup",
        };
        if (spec.Network == NetworkMode.None)
        {
            args.Add("--unshare-net");
        }

        // Nested user namespaces are refused by the seccomp filter (clone and unshare with CLONE_NEWUSER).
        args.AddRange(["--new-session", "--cap-drop", "ALL"]);
        if (!spec.WaitForDescendants)
        {
            // The kernel then kills every process of the sandbox when the artifact's process ends.
            args.Add("--die-with-parent");
        }

        foreach (var capability in SandboxCapabilities.Kept)
        {
            args.AddRange(["--cap-add", capability]);
        }

        args.AddRange(["--hostname", spec.Hostname]);
        args.AddRange(["--bind", spec.Layer.Merged, "/"]);
        args.AddRange(["--proc", "/proc", "--dev", "/dev", "--tmpfs", "/dev/shm"]);
        args.AddRange(["--ro-bind", spec.ResolverConfiguration, "/etc/resolv.conf"]);
        foreach (var masked in spec.Layer.MaskedPaths)
        {
            args.AddRange(["--tmpfs", masked]);
        }

        foreach (var path in spec.ReadOnlyPaths)
        {
            args.AddRange(["--ro-bind", Path.Join(spec.Layer.Merged, path), path]);
        }

        args.AddRange(["--chdir", spec.WorkingDirectory, "--clearenv"]);
        foreach (var (name, value) in spec.Environment)
        {
            args.AddRange(["--setenv", name, value]);
        }

        args.AddRange(["--info-fd", "3", "--json-status-fd", "4", "--seccomp", "5", "--"]);
        args.AddRange(spec.Command);
        return args;
    }

    private static string Q(string value) => ShellQuoting.Quote(value);
}
