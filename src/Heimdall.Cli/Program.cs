using Heimdall.Cli;

return await HeimdallApp.RunAsync(args, CliEnvironment.FromConsole()).ConfigureAwait(false);
