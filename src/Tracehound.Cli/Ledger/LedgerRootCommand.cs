using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Tracehound.Cli.Output;
using Tracehound.Ledger;

namespace Tracehound.Cli.Ledger;

/// <summary><c>tracehound ledger root --leaves FILE</c>: the tree head of leaves given one per line as hex data.</summary>
internal static class LedgerRootCommand
{
    public static Command Create(CliConsole console)
    {
        var leaves = new Option<FileInfo>("--leaves") { Description = "File with one leaf per line as hex data ('-' reads stdin); an empty line is an empty leaf", Required = true };
        var json = CommonOptions.Json();
        var command = new Command("root", "Print the tree head (size and RFC 9162 root) of the given leaves") { leaves, json };
        command.SetAction(result =>
        {
            var file = result.GetRequiredValue(leaves);
            var tree = new MerkleTree();
            var lineNumber = 0;
            using (var reader = file.Name == "-" ? Console.In : OpenOrThrow(file))
            {
                while (reader.ReadLine() is { } line)
                {
                    lineNumber++;
                    byte[] data;
                    try
                    {
                        data = Convert.FromHexString(line.Trim());
                    }
                    catch (FormatException)
                    {
                        throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"{file.Name}:{lineNumber}: not hex data"));
                    }

                    tree.AppendLeaf(data);
                }
            }

            var head = tree.Head;
            if (result.GetValue(json))
            {
                console.WriteJson(new JsonObject { ["size"] = head.Size.Value, ["root"] = head.RootHash.ToString() });
            }
            else
            {
                console.WriteLine($"size {head.Size}");
                console.WriteLine($"root {head.RootHash}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static StreamReader OpenOrThrow(FileInfo file) =>
        file.Exists ? new StreamReader(file.FullName) : throw new UsageException($"leaves file '{file.FullName}' does not exist");
}
