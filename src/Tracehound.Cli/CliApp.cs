using System.CommandLine;
using Microsoft.Data.Sqlite;
using Tracehound.Cli.Checkpoints;
using Tracehound.Cli.Demo;
using Tracehound.Cli.Ledger;
using Tracehound.Cli.Operations;
using Tracehound.Cli.Output;
using Tracehound.Cli.Verification;
using Tracehound.Ledger;

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

    /// <summary>
    /// Parses and runs. Parse errors, <see cref="UsageException"/> and data that cannot be read exit with 2; a
    /// damaged ledger met outside <c>verify</c> exits with 1; every one of them as a message, never a stack trace.
    /// </summary>
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
        catch (LedgerIntegrityException exception)
        {
            // A damaged ledger is a negative answer about the data directory, not a crash.
            console.WriteError($"the ledger is damaged: {exception.Message} (run 'tracehound verify' for the full report)");
            return ExitCodes.Failed;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidDataException or SqliteException)
        {
            console.WriteError($"cannot read the data: {exception.Message}");
            return ExitCodes.Usage;
        }
    }
}
