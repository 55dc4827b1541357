using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;
using Tracehound.AspNetCore.Admin;
using Tracehound.Cli.Output;

namespace Tracehound.Cli.Operations;

/// <summary>
/// <c>tracehound inspect SIGNATURE (--data DIR | --url URL) [--json]</c>: the evidence's metadata (never its
/// payload) and, offline, its history in the ledger. Exit 1 when neither holds it.
/// </summary>
internal static class InspectCommand
{
    public static Command Create(CliConsole console)
    {
        var signatureArgument = new Argument<string>("signature") { Description = "The evidence signature, category:hex" };
        var options = new OperatorOptions();
        var command = options.AddTo(new Command("inspect", "Metadata of one piece of evidence and, offline, every ledger record about it") { signatureArgument });
        command.SetAction(async (result, cancellationToken) =>
        {
            var text = result.GetValue(signatureArgument)!;
            if (!ThreatSignature.TryParse(text, out var signature))
            {
                throw new UsageException($"'{text}' is not a signature: expected category:<64 hex digits>");
            }

            var target = options.Target(result);
            if (target.IsOnline)
            {
                using var client = new AdminClient(target.Url!, target.Token!);
                var evidence = await client.GetOptionalAsync($"evidence/{Uri.EscapeDataString(signature.ToString())}", AdminJsonContext.Default.EvidenceDocument, cancellationToken).ConfigureAwait(false);
                if (evidence is null)
                {
                    console.WriteError($"{signature}: not held");
                    return ExitCodes.Failed;
                }

                if (options.WantsJson(result))
                {
                    OperatorOptions.WriteDocument(console, evidence, AdminJsonContext.Default.EvidenceDocument);
                }
                else
                {
                    var table = new Table().AddColumns("", "").HideHeaders();
                    foreach (var (key, value) in JsonSerializer.SerializeToNode(evidence, AdminJsonContext.Default.EvidenceDocument)!.AsObject())
                    {
                        table.AddRow(Markup.Escape(key), Markup.Escape(value?.ToString() ?? string.Empty));
                    }

                    console.OutAnsi.Write(table);
                }

                return ExitCodes.Ok;
            }

            using var directory = OfflineDataDirectory.Open(target.DataDirectory!);
            var held = directory.Evidence.FirstOrDefault(e => e.Signature == signature);
            var history = directory.History(signature.ToString());
            if (held is null && history.Count == 0)
            {
                console.WriteError($"{signature}: not in this data directory");
                return ExitCodes.Failed;
            }

            var document = new JsonObject
            {
                ["schema"] = "tracehound.offline-evidence/v1",
                ["signature"] = signature.ToString(),
                ["held"] = held is not null,
                ["evidence"] = held is null ? null : new JsonObject
                {
                    ["category"] = held.Signature.Category.Name,
                    ["hash"] = held.Signature.Hash.ToString(),
                    ["severity"] = Names.Severity(held.Severity),
                    ["detector"] = held.Detector,
                    ["rule_id"] = held.RuleId,
                    ["source"] = held.Source,
                    ["scent_id"] = held.Id,
                    ["captured_at"] = held.CapturedAt.ToString("O", CultureInfo.InvariantCulture),
                    ["size"] = held.Size,
                    ["stored_size"] = held.Bytes.Length,
                    ["codec"] = held.Codec == EvidenceCodec.Brotli ? "brotli" : "none",
                    ["sequence"] = held.Sequence,
                    ["hash_verified"] = held.VerifyHash(),
                },
                ["ledger"] = new JsonArray([.. history.Select(h => (JsonNode)OfflineDataDirectory.RecordJson(h.Leaf, h.Record))]),
            };
            if (options.WantsJson(result))
            {
                console.WriteJson(document);
            }
            else
            {
                var table = new Table().AddColumns("", "").HideHeaders();
                table.AddRow("signature", Markup.Escape(signature.ToString()));
                if (document["evidence"] is JsonObject metadata)
                {
                    foreach (var (key, value) in metadata)
                    {
                        table.AddRow(Markup.Escape(key), Markup.Escape(value?.ToString() ?? string.Empty));
                    }
                }
                else
                {
                    table.AddRow("held", "no (only its ledger history remains)");
                }

                console.OutAnsi.Write(table);
                var records = new Table().AddColumns("leaf", "time", "kind", "attributes");
                foreach (var (leaf, record) in history)
                {
                    records.AddRow(
                        leaf.Value.ToString(CultureInfo.InvariantCulture),
                        record.Time.ToString("u", CultureInfo.InvariantCulture),
                        Markup.Escape(record.Kind),
                        Markup.Escape(string.Join(", ", record.Attributes.Select(a => $"{a.Key}={a.Value}"))));
                }

                console.OutAnsi.Write(records);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
