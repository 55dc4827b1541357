using System.CommandLine;
using System.Text.Json.Nodes;
using Tracehound.Cli.Output;
using Tracehound.Ledger;

namespace Tracehound.Cli.Ledger;

/// <summary><c>tracehound ledger export-key --data DIR [--out FILE]</c>: the public keys to give auditors (verifier key lines).</summary>
internal static class ExportKeyCommand
{
    public static Command Create(CliConsole console)
    {
        var data = CommonOptions.DataDirectory();
        var output = new Option<FileInfo>("--out") { Description = "Write the keys to this file instead of stdout" };
        var json = CommonOptions.Json();
        var command = new Command("export-key", "Print the ledger's public keys in the signed-note verifier key format") { data, output, json };
        command.SetAction(result =>
        {
            var directory = CommonOptions.RequireDirectory(result.GetValue(data));
            var keys = LedgerKeyRing.ReadVerifierKeys(LedgerLayout.KeysDirectory(directory));
            if (keys.Count == 0)
            {
                console.WriteError($"no public keys in {LedgerLayout.KeysDirectory(directory)}");
                return ExitCodes.Failed;
            }

            var text = string.Concat(keys.Select(k => k + "\n"));
            if (result.GetValue(output) is { } file)
            {
                File.WriteAllText(file.FullName, text);
            }

            if (result.GetValue(json))
            {
                console.WriteJson(new JsonObject { ["keys"] = new JsonArray([.. keys.Select(k => (JsonNode)k.ToString())]) });
            }
            else if (result.GetValue(output) is null)
            {
                console.Out.Write(text);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
