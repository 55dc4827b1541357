using System.CommandLine;
using Tracehound.Cli.Checkpoints;
using Tracehound.Cli.Demo;
using Tracehound.Cli.Ledger;
using Tracehound.Cli.Operations;
using Tracehound.Cli.Output;
using Tracehound.Cli.Verification;

namespace Tracehound.Cli;

/// <summary>Builds the <c>tracehound</c> command tree and runs it with the shared exit-code rules.</summary>
internal static class CliApp
{
    public static RootCommand BuildRoot(CliConsole console) => new("tracehound: operate, inspect and verify Tracehound: a running application's admin endpoints or a data directory")
    {
        VerifyCommand.Create(console, DataDirectoryChecks.Default()),
        LedgerCommand.Create(console),
        CheckpointCommand.Create(console),
        StatusCommand.Create(console),
        StatsCommand.Create(console),
        InspectCommand.Create(console),
        WatchCommand.Create(console),
        DemoCommand.Create(console),
    };

    /// <summary>Parses and runs; parse errors and <see cref="UsageException"/> exit with 2.</summary>
    public static int Run(string[] args, CliConsole console)
    {
        var root = BuildRoot(console);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                console.WriteError(error.Message);
            }

            console.WriteError("run 'tracehound --help' for usage");
            return ExitCodes.Usage;
        }

        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = console.Out, Error = console.Error, EnableDefaultExceptionHandler = false });
        }
        catch (UsageException exception)
        {
            console.WriteError(exception.Message);
            return ExitCodes.Usage;
        }
        catch (UnavailableException exception)
        {
            console.WriteError(exception.Message);
            return ExitCodes.Unavailable;
        }
    }
}
