using System.Text.Json.Nodes;
using Tracehound.Cli.Output;
using Tracehound.Ledger;

namespace Tracehound.Cli.Ledger;

/// <summary>Prints a proof verdict: <c>ok</c> or the reason, as text or JSON, and maps it to the exit code.</summary>
internal static class ProofResultOutput
{
    public static int Write(CliConsole console, MerkleVerification verification, bool json)
    {
        if (json)
        {
            var node = new JsonObject
            {
                ["ok"] = verification.IsValid,
                ["error"] = verification.IsValid ? null : verification.Error.ToString(),
                ["reason"] = verification.IsValid ? null : verification.Message,
            };
            if (verification.CalculatedRoot is { } calculated)
            {
                node["calculatedRoot"] = calculated.ToString();
                node["expectedRoot"] = verification.ExpectedRoot!.Value.ToString();
            }

            console.WriteJson(node);
        }
        else
        {
            console.WriteLine(verification.Message);
        }

        return verification.IsValid ? ExitCodes.Ok : ExitCodes.Failed;
    }
}
