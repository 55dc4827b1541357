using System.CommandLine;
using Detektr.Cli.Run;

namespace Detektr.Cli;

/// <summary>Entry point of <c>detektr</c>.</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var root = BuildRootCommand();
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await Console.Error.WriteLineAsync($"detektr: {error.Message}").ConfigureAwait(false);
            }

            await Console.Error.WriteLineAsync("Run 'detektr --help' for usage.").ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }

        return await parse.InvokeAsync().ConfigureAwait(false);
    }

    /// <summary>The command tree.</summary>
    public static RootCommand BuildRootCommand()
    {
        var root = new RootCommand("Detektr: detonate artifacts in short-lived Linux sandboxes and record what they do.");
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(Query.QueryCommand.Create());
        root.Subcommands.Add(Diff.DiffCommand.Create());
        root.Subcommands.Add(Sigma.SigmaCommand.Create());
        root.Subcommands.Add(Validate.ValidateCommand.Create());
        return root;
    }
}
