using System.CommandLine;
using System.Text.Json.Nodes;
using Tracehound.Cli.Output;
using Tracehound.Ledger;

namespace Tracehound.Cli.Ledger;

/// <summary><c>tracehound ledger verify-checkpoint --checkpoint FILE --key FILE</c>: checks a signed checkpoint with a public key file alone.</summary>
internal static class VerifyCheckpointCommand
{
    public static Command Create(CliConsole console)
    {
        var checkpointFile = new Option<FileInfo>("--checkpoint") { Description = "A signed checkpoint (C2SP signed note)", Required = true };
        var keys = CommonOptions.Keys();
        keys.Required = true;
        var json = CommonOptions.Json();
        var command = new Command("verify-checkpoint", "Verify a signed checkpoint with public keys only") { checkpointFile, keys, json };
        command.SetAction(result =>
        {
            var file = result.GetRequiredValue(checkpointFile);
            if (!file.Exists)
            {
                throw new UsageException($"checkpoint file '{file.FullName}' does not exist");
            }

            var trusted = TrustedKeys.FromFiles(result.GetValue(keys))!;
            if (!SignedCheckpoint.TryParse(File.ReadAllText(file.FullName), out var checkpoint, out var error))
            {
                return Write(console, result.GetValue(json), false, "malformed checkpoint: " + error, null);
            }

            var verification = checkpoint.Verify(trusted);
            return Write(console, result.GetValue(json), verification.IsValid, verification.Message, checkpoint);
        });
        return command;
    }

    private static int Write(CliConsole console, bool json, bool ok, string message, SignedCheckpoint? checkpoint)
    {
        if (json)
        {
            console.WriteJson(new JsonObject
            {
                ["ok"] = ok,
                ["reason"] = ok ? null : message,
                ["origin"] = checkpoint?.Checkpoint.Origin,
                ["size"] = checkpoint?.Checkpoint.Head.Size.Value,
                ["root"] = checkpoint?.Checkpoint.Head.RootHash.ToString(),
            });
        }
        else
        {
            console.WriteLine(message);
        }

        return ok ? ExitCodes.Ok : ExitCodes.Failed;
    }
}
