using System.Diagnostics;

namespace Heimdall.Reports;

/// <summary>
/// Prints an HTML report to PDF with Debian's headless Chromium, in a fresh profile directory, with
/// background networking, updates and sync turned off. When <c>unshare</c> can create a network
/// namespace, Chromium runs inside an empty one, so rendering cannot reach any network.
/// </summary>
public sealed class PdfRenderer
{
    /// <summary>The Chromium binary used when none is given.</summary>
    public const string DefaultChromium = "/usr/bin/chromium";

    private readonly string _chromium;
    private readonly TimeSpan _timeout;

    /// <summary>Creates a renderer.</summary>
    /// <param name="chromium">The Chromium executable.</param>
    /// <param name="timeout">How long rendering may take before Chromium is killed.</param>
    /// <param name="requireNetworkIsolation">Fail rather than render without an empty network namespace (offline mode).</param>
    public PdfRenderer(string? chromium = null, TimeSpan? timeout = null, bool requireNetworkIsolation = false)
    {
        _chromium = chromium ?? DefaultChromium;
        _timeout = timeout ?? TimeSpan.FromSeconds(90);
        _requireIsolation = requireNetworkIsolation;
    }

    private readonly bool _requireIsolation;

    /// <summary>Renders <paramref name="html"/> to <paramref name="pdfPath"/>.</summary>
    /// <returns>Null on success, else why it failed.</returns>
    public async Task<string?> RenderAsync(string html, string pdfPath, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(_chromium))
        {
            return $"Chromium is not installed at {_chromium} (apt-get install chromium)";
        }

        var work = Directory.CreateTempSubdirectory("heimdall-pdf-");
        try
        {
            var htmlPath = Path.Combine(work.FullName, "report.html");
            await File.WriteAllTextAsync(htmlPath, html, cancellationToken).ConfigureAwait(false);
            var output = Path.GetFullPath(pdfPath);
            var arguments = new List<string>
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-pdf-header-footer",
                "--user-data-dir=" + Path.Combine(work.FullName, "profile"),
                "--print-to-pdf=" + output,
                new Uri(htmlPath).AbsoluteUri,
            };
            var start = new ProcessStartInfo { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            var isolate = await CanIsolateNetworkAsync(cancellationToken).ConfigureAwait(false);
            if (!isolate && _requireIsolation)
            {
                return "offline mode needs an empty network namespace for Chromium, and 'unshare --net' is not permitted here";
            }

            if (isolate)
            {
                start.FileName = "unshare";
                start.ArgumentList.Add("--net");
                start.ArgumentList.Add("--");
                start.ArgumentList.Add(_chromium);
            }
            else
            {
                start.FileName = _chromium;
            }

            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment["HOME"] = work.FullName;
            if (File.Exists(output))
            {
                File.Delete(output);
            }

            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            _ = process.StandardOutput.ReadToEndAsync(cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_timeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                return $"Chromium did not finish within {_timeout.TotalSeconds:0} s";
            }

            if (process.ExitCode != 0 || !File.Exists(output) || new FileInfo(output).Length == 0)
            {
                var message = await stderr.ConfigureAwait(false);
                return $"Chromium exited with {process.ExitCode} without writing the PDF: {Tail(message)}";
            }

            return null;
        }
        finally
        {
            try
            {
                work.Delete(recursive: true);
            }
            catch (IOException)
            {
                // Chromium's helpers may still hold files for a moment; the temporary folder is left behind.
            }
        }
    }

    private static async Task<bool> CanIsolateNetworkAsync(CancellationToken cancellationToken)
    {
        try
        {
            var probe = new ProcessStartInfo("unshare") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
            probe.ArgumentList.Add("--net");
            probe.ArgumentList.Add("true");
            using var process = Process.Start(probe);
            if (process is null)
            {
                return false;
            }

            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static string Tail(string text) => text.Length <= 600 ? text.Trim() : text[^600..].Trim();
}
