using Tracehound.Cli;
using Tracehound.Cli.Output;

return CliApp.Run(args, CliConsole.System());
