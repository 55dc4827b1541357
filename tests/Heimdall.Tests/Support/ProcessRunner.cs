using System.Diagnostics;

namespace Heimdall.Tests.Support;

/// <summary>Runs real processes (the built heimdall, strace, pdftotext) with a time limit.</summary>
internal static class ProcessRunner
{
    public static string HeimdallDll => Path.Combine(AppContext.BaseDirectory, "heimdall.dll");

    public static async Task<CliRun> RunAsync(string file, IEnumerable<string> args, IDictionary<string, string>? environment = null, int timeoutSeconds = 120)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(timeoutSeconds));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new CliRun(process.ExitCode, await output, await error);
    }

    public static Task<CliRun> HeimdallAsync(IDictionary<string, string>? environment, params string[] args) =>
        RunAsync("dotnet", new[] { HeimdallDll }.Concat(args), environment);
}
