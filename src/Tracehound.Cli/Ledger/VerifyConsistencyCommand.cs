using System.CommandLine;
using Tracehound.Cli.Output;
using Tracehound.Ledger;

namespace Tracehound.Cli.Ledger;

/// <summary><c>tracehound ledger verify-consistency</c>: checks an RFC 9162 consistency proof; prints <c>ok</c> or the reason.</summary>
internal static class VerifyConsistencyCommand
{
    public static Command Create(CliConsole console)
    {
        var size1 = new Option<ulong>("--size1") { Description = "The older tree size", Required = true };
        var size2 = new Option<ulong>("--size2") { Description = "The newer tree size", Required = true };
        var root1 = new Option<string>("--root1") { Description = "The older root hash, as hex", Required = true };
        var root2 = new Option<string>("--root2") { Description = "The newer root hash, as hex", Required = true };
        var proof = new Option<string>("--proof") { Description = "The consistency proof, comma-separated hex hashes (empty when the sizes are equal)" };
        var json = CommonOptions.Json();
        var command = new Command("verify-consistency", "Verify that the older tree is a prefix of the newer one") { size1, size2, root1, root2, proof, json };
        command.SetAction(result =>
        {
            var verification = MerkleVerifier.VerifyConsistency(
                new TreeSize(result.GetValue(size1)),
                new TreeSize(result.GetValue(size2)),
                HexArguments.Proof(result.GetValue(proof), "--proof"),
                HexArguments.Hash(result.GetValue(root1), "--root1"),
                HexArguments.Hash(result.GetValue(root2), "--root2"));
            return ProofResultOutput.Write(console, verification, result.GetValue(json));
        });
        return command;
    }
}
