using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Tracehound.Cli.Ledger;
using Tracehound.Cli.Output;
using Tracehound.Ledger;

namespace Tracehound.Cli.Checkpoints;

/// <summary>
/// <c>tracehound checkpoint --data DIR</c>: prints the latest signed checkpoint exactly as stored (a C2SP
/// signed note that standard tools verify), after checking its signature. Reads files only, so it
/// works while the application is writing.
/// </summary>
internal static class CheckpointCommand
{
    public static Command Create(CliConsole console)
    {
        var data = CommonOptions.DataDirectory();
        var keys = CommonOptions.Keys();
        var json = CommonOptions.Json();
        var command = new Command("checkpoint", "Print the latest signed checkpoint of the ledger") { data, keys, json };
        command.SetAction(result =>
        {
            var directory = CommonOptions.RequireDirectory(result.GetValue(data));
            var path = LedgerLayout.LatestCheckpointPath(directory);
            if (!File.Exists(path))
            {
                console.WriteError($"no checkpoint at {path}");
                return ExitCodes.Failed;
            }

            var text = File.ReadAllText(path);
            if (!SignedCheckpoint.TryParse(text, out var checkpoint, out var error))
            {
                console.WriteError($"{path}: malformed checkpoint: {error}");
                return ExitCodes.Failed;
            }

            var verification = checkpoint.Verify(TrustedKeys.FromFilesOrDirectory(result.GetValue(keys), directory));
            if (result.GetValue(json))
            {
                console.WriteJson(new JsonObject
                {
                    ["origin"] = checkpoint.Checkpoint.Origin,
                    ["size"] = checkpoint.Checkpoint.Head.Size.Value,
                    ["root"] = checkpoint.Checkpoint.Head.RootHash.ToString(),
                    ["signatures"] = new JsonArray([.. checkpoint.Note.Signatures.Select(s => (JsonNode)new JsonObject
                    {
                        ["keyName"] = s.KeyName,
                        ["keyId"] = s.KeyId.ToString("x8", CultureInfo.InvariantCulture),
                    })]),
                    ["signatureVerified"] = verification.IsValid,
                    ["reason"] = verification.IsValid ? null : verification.Message,
                    ["note"] = text,
                });
            }
            else
            {
                console.Out.Write(text);
                if (!verification.IsValid)
                {
                    console.WriteError("signature: " + verification.Message);
                }
            }

            return verification.IsValid ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return command;
    }
}
