using System.CommandLine;
using System.Text.Json.Nodes;
using Spectre.Console;
using Tracehound.Cli.Ledger;
using Tracehound.Cli.Output;
using Tracehound.Ledger;

namespace Tracehound.Cli.Verification;

/// <summary>
/// <c>tracehound verify --data DIR [--json] [--key FILE] [--witness FILE]</c>: runs every data directory
/// check (the ledger first). Exit 0 when all are intact, 1 with the first failing position and reason, 2 on
/// bad usage.
/// </summary>
internal static class VerifyCommand
{
    public static Command Create(CliConsole console, IReadOnlyList<IDataDirectoryCheck> checks)
    {
        var data = CommonOptions.DataDirectory();
        var keys = CommonOptions.Keys();
        var json = CommonOptions.Json();
        var witnesses = new Option<FileInfo[]>("--witness")
        {
            Description = "A signed checkpoint saved earlier outside the directory (tracehound checkpoint); the ledger must still hold its size and root. Repeatable",
        };
        var command = new Command("verify", "Verify a data directory offline: ledger CRCs, records, tree, every checkpoint signature and root") { data, keys, witnesses, json };
        command.SetAction((result, cancellationToken) =>
        {
            var context = new DataDirectoryCheckContext(
                CommonOptions.RequireDirectory(result.GetValue(data)),
                TrustedKeys.FromFiles(result.GetValue(keys)),
                ReadWitnesses(result.GetValue(witnesses)));
            var results = new List<DataDirectoryCheckResult>();
            var showProgress = console.Interactive && !result.GetValue(json);
            foreach (var check in checks)
            {
                var outcome = showProgress
                    ? console.ErrorAnsi.Progress().AutoClear(true).Start(progress =>
                    {
                        var task = progress.AddTask($"verifying {check.Name}", maxValue: 1);
                        var value = check.Run(context, new Progress<double>(v => task.Value = v), cancellationToken);
                        task.Value = 1;
                        return value;
                    })
                    : check.Run(context, null, cancellationToken);
                results.Add(outcome);
                if (!outcome.IsIntact)
                {
                    break;
                }
            }

            var intact = results.All(r => r.IsIntact);
            if (result.GetValue(json))
            {
                var checksJson = new JsonObject();
                foreach (var outcome in results)
                {
                    checksJson[outcome.Name] = new JsonObject
                    {
                        ["intact"] = outcome.IsIntact,
                        ["position"] = outcome.Position,
                        ["reason"] = outcome.Reason,
                        ["details"] = outcome.Details.DeepClone(),
                    };
                }

                console.WriteJson(new JsonObject { ["intact"] = intact, ["checks"] = checksJson });
            }
            else
            {
                var table = new Table().AddColumns("check", "status", "details");
                foreach (var outcome in results)
                {
                    var details = string.Join(", ", outcome.Details.Where(p => p.Value is not null and not JsonObject).Select(p => $"{p.Key} {p.Value}"));
                    table.AddRow(Markup.Escape(outcome.Name), outcome.IsIntact ? "intact" : "FAILED", Markup.Escape(details));
                }

                console.OutAnsi.Write(table);
                var failed = results.FirstOrDefault(r => !r.IsIntact);
                console.WriteLine(failed is null ? "intact" : $"FAILED {failed.Name}: {failed.Position}: {failed.Reason}");
            }

            return Task.FromResult(intact ? ExitCodes.Ok : ExitCodes.Failed);
        });
        return command;
    }

    private static List<WitnessedCheckpoint> ReadWitnesses(FileInfo[]? files)
    {
        var witnessed = new List<WitnessedCheckpoint>();
        foreach (var file in files ?? [])
        {
            if (!file.Exists)
            {
                throw new UsageException($"witness file '{file.FullName}' does not exist");
            }

            if (!SignedCheckpoint.TryParse(File.ReadAllText(file.FullName), out var checkpoint, out var error))
            {
                throw new UsageException($"witness file '{file.FullName}' is not a signed checkpoint: {error}");
            }

            witnessed.Add(new WitnessedCheckpoint(file.FullName, checkpoint));
        }

        return witnessed;
    }
}
