using System.Diagnostics;

namespace Detektr.Sandbox;

/// <summary>Holds the sandbox's user namespace: a helper process (<c>unshare --user cat</c>) whose new user
/// namespace gets an identity map of every uid and gid, which bubblewrap then enters
/// (<c>--userns</c>). bubblewrap's own <c>--unshare-user</c> maps uid 0 alone, so inside, every other
/// owner would show as nobody and chown or setuid to another user would fail; with the identity map,
/// files keep their owners and an artifact can drop to another account as it would on a real host.
/// The helper reads its stdin, so it ends when Detektr closes it or dies.</summary>
internal sealed class UserNamespaceHolder : IDisposable
{
    private const string IdentityMap = "0 0 4294967295\n";
    private readonly Process _process;
    private bool _mapped;

    private UserNamespaceHolder(Process process) => _process = process;

    /// <summary>The namespace file bubblewrap opens.</summary>
    public string NamespacePath => $"/proc/{_process.Id}/ns/user";

    /// <summary>Starts the helper; <see cref="NamespacePath"/> is usable once <see cref="EnsureMapped"/> returned.</summary>
    public static UserNamespaceHolder Start(string unshare)
    {
        var start = new ProcessStartInfo(unshare)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--user", "--", "/bin/cat" })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new Detonation.SandboxUnavailableException("cannot start unshare --user");
        return new UserNamespaceHolder(process);
    }

    /// <summary>Waits until the helper has its own user namespace and writes the identity maps (once).</summary>
    public void EnsureMapped()
    {
        if (!_mapped)
        {
            Map();
            _mapped = true;
        }
    }

    private void Map()
    {
        var own = File.ResolveLinkTarget("/proc/self/ns/user", returnFinalTarget: false)?.ToString();
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new Detonation.SandboxUnavailableException(
                    $"unshare --user failed: {_process.StandardError.ReadToEnd().Trim()}");
            }

            string? theirs = null;
            try
            {
                theirs = File.ResolveLinkTarget(NamespacePath, returnFinalTarget: false)?.ToString();
            }
            catch (IOException)
            {
                // The process is still starting.
            }

            if (theirs is not null && theirs != own)
            {
                break;
            }

            if (deadline.Elapsed > TimeSpan.FromSeconds(5))
            {
                throw new Detonation.SandboxUnavailableException("the user namespace helper did not start in time");
            }

            Thread.Sleep(1);
        }

        WriteMap("uid_map", deadline);
        WriteMap("gid_map", deadline);
    }

    private void WriteMap(string file, Stopwatch deadline)
    {
        // Right after unshare(2) the kernel can still refuse the map while the helper is mid-exec.
        while (true)
        {
            try
            {
                File.WriteAllText($"/proc/{_process.Id}/{file}", IdentityMap);
                return;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                if (deadline.Elapsed > TimeSpan.FromSeconds(5))
                {
                    throw new Detonation.SandboxUnavailableException($"cannot write the sandbox's {file}: {ex.Message}", ex);
                }

                Thread.Sleep(1);
            }
        }
    }

    /// <summary>Ends the helper.</summary>
    public void Dispose()
    {
        try
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(2000))
            {
                _process.Kill();
                _process.WaitForExit(2000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }
}
