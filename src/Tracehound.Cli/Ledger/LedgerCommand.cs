using System.CommandLine;
using Tracehound.Cli.Output;

namespace Tracehound.Cli.Ledger;

/// <summary><c>tracehound ledger …</c>: tree heads and proofs, usable on any RFC 9162 log.</summary>
internal static class LedgerCommand
{
    public static Command Create(CliConsole console) => new("ledger", "Merkle tree heads and proofs (RFC 9162), and proofs from a data directory")
    {
        LedgerRootCommand.Create(console),
        VerifyInclusionCommand.Create(console),
        VerifyConsistencyCommand.Create(console),
        ProveCommand.Create(console),
        ExportKeyCommand.Create(console),
        VerifyCheckpointCommand.Create(console),
    };
}
