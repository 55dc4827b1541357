using System.CommandLine;

namespace Detektr.Cli.Sigma;

/// <summary><c>detektr sigma</c>: the Sigma rule engine on its own.</summary>
internal static class SigmaCommand
{
    public static Command Create()
    {
        var command = new Command("sigma", "Check Sigma rules and match them against recorded events");
        command.Subcommands.Add(SigmaCheckCommand.Create());
        command.Subcommands.Add(SigmaMatchCommand.Create());
        return command;
    }
}
