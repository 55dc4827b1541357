using System.CommandLine;
using Heimdall.Cli.Commands;
using Heimdall.Policy;

namespace Heimdall.Cli;

/// <summary>The <c>heimdall</c> command tree and its exit-code discipline.</summary>
internal static class HeimdallApp
{
    public static async Task<int> RunAsync(string[] args, CliEnvironment environment)
    {
        var root = new RootCommand("Heimdall: supply-chain scanner for NuGet and npm lockfiles against OSV advisories, offline, for CI.");
        root.Add(PackagesCommand.Create(environment));
        root.Add(ScanCommand.Create(environment));
        root.Add(DbCommand.Create(environment));
        root.Add(MonitorCommand.Create(environment));
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await environment.Error.WriteLineAsync("heimdall: " + error.Message).ConfigureAwait(false);
            }

            await environment.Error.WriteLineAsync("Run 'heimdall --help' for usage.").ConfigureAwait(false);
            return (int)HeimdallExitCode.Usage;
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = environment.Out, Error = environment.Error, EnableDefaultExceptionHandler = false }).ConfigureAwait(false);
        }
        catch (UsageException e)
        {
            await environment.Error.WriteLineAsync("heimdall: " + e.Message).ConfigureAwait(false);
            return (int)HeimdallExitCode.Usage;
        }
        catch (InvalidDataException e)
        {
            // Damage found while reading advisories on demand.
            await environment.Error.WriteLineAsync("heimdall: " + e.Message).ConfigureAwait(false);
            return (int)HeimdallExitCode.AdvisoryDataUnavailable;
        }
        catch (AdvisoryDataException e)
        {
            await environment.Error.WriteLineAsync("heimdall: " + e.Message).ConfigureAwait(false);
            return (int)HeimdallExitCode.AdvisoryDataUnavailable;
        }
    }
}
