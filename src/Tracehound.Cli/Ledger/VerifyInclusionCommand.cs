using System.CommandLine;
using Tracehound.Cli.Output;
using Tracehound.Ledger;

namespace Tracehound.Cli.Ledger;

/// <summary><c>tracehound ledger verify-inclusion</c>: checks an RFC 9162 inclusion proof; prints <c>ok</c> or the reason.</summary>
internal static class VerifyInclusionCommand
{
    public static Command Create(CliConsole console)
    {
        var leafHash = new Option<string>("--leaf-hash") { Description = "The leaf hash, SHA-256(0x00 || leaf data), as hex", Required = true };
        var index = new Option<ulong>("--index") { Description = "The leaf index (0-based)", Required = true };
        var size = new Option<ulong>("--size") { Description = "The tree size the proof is for", Required = true };
        var root = new Option<string>("--root") { Description = "The root hash of that tree, as hex", Required = true };
        var proof = new Option<string>("--proof") { Description = "The audit path, comma-separated hex hashes, lowest level first (empty for a one-leaf tree)" };
        var json = CommonOptions.Json();
        var command = new Command("verify-inclusion", "Verify that a leaf is in a tree of a given size and root") { leafHash, index, size, root, proof, json };
        command.SetAction(result =>
        {
            var verification = MerkleVerifier.VerifyInclusion(
                HexArguments.Hash(result.GetValue(leafHash), "--leaf-hash"),
                new LeafIndex(result.GetValue(index)),
                new TreeSize(result.GetValue(size)),
                HexArguments.Proof(result.GetValue(proof), "--proof"),
                HexArguments.Hash(result.GetValue(root), "--root"));
            return ProofResultOutput.Write(console, verification, result.GetValue(json));
        });
        return command;
    }
}
