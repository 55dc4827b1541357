using Heimdall.Cli;
using Microsoft.Extensions.Time.Testing;

namespace Heimdall.Tests.Support;

/// <summary>Runs the heimdall command in-process with captured output and a fixed clock.</summary>
internal static class Cli
{
    public static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static async Task<CliRun> RunAsync(params string[] args) => await RunAtAsync(Now, args);

    public static async Task<CliRun> RunAtAsync(DateTimeOffset now, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var environment = new CliEnvironment { Out = output, Error = error, Time = new FakeTimeProvider(now), Interactive = false };
        var code = await HeimdallApp.RunAsync(args, environment);
        return new CliRun(code, output.ToString(), error.ToString());
    }
}

internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}
