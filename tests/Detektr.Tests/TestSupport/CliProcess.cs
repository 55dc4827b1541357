using System.Diagnostics;

namespace Detektr.Tests.TestSupport;

/// <summary>Runs the real <c>detektr</c> executable and captures its output.</summary>
public static class CliProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static async Task<Result> RunAsync(string workingDirectory, IEnumerable<string> arguments, string? wrapper = null, IEnumerable<string>? wrapperArguments = null)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "detektr.dll");
        var start = new ProcessStartInfo(wrapper ?? "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in wrapperArguments ?? [])
        {
            start.ArgumentList.Add(argument);
        }

        if (wrapper is not null)
        {
            start.ArgumentList.Add("dotnet");
        }

        start.ArgumentList.Add(cli);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
