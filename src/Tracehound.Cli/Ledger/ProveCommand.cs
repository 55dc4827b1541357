using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Tracehound.Cli.Output;
using Tracehound.Ledger;

namespace Tracehound.Cli.Ledger;

/// <summary>
/// <c>tracehound ledger prove --data DIR --signature SIG</c>: the records whose subject is SIG, each with
/// its inclusion proof against the latest signed checkpoint, as JSON. Records newer than that
/// checkpoint are listed as pending (they cannot be proven against it yet).
/// </summary>
internal static class ProveCommand
{
    public static Command Create(CliConsole console)
    {
        var data = CommonOptions.DataDirectory();
        var signature = new Option<string>("--signature") { Description = "The subject to prove, e.g. an evidence signature (category:sha256)", Required = true };
        var keys = CommonOptions.Keys();
        var command = new Command("prove", "Print the records of a subject with inclusion proofs against the latest signed checkpoint (JSON)") { data, signature, keys };
        command.SetAction(result =>
        {
            var directory = CommonOptions.RequireDirectory(result.GetValue(data));
            var subject = result.GetRequiredValue(signature);
            var trusted = TrustedKeys.FromFiles(result.GetValue(keys));
            using var store = OpenReadOnly(directory);
            var checkpoint = store.LatestCheckpoint ?? throw new UsageException("the ledger has no signed checkpoint yet");
            var verification = checkpoint.Verify(trusted ?? store.VerifierKeys);
            var size = checkpoint.Checkpoint.Head.Size;
            var proven = new JsonArray();
            var pending = new JsonArray();
            foreach (var leaf in store.FindBySubject(subject))
            {
                var record = RecordJson.Describe(store, leaf);
                if (leaf.Value < size.Value)
                {
                    var proof = store.GetInclusionProof(leaf, size);
                    record["inclusionProof"] = new JsonArray([.. proof.Hashes.Select(h => (JsonNode)h.ToString())]);
                    proven.Add(record);
                }
                else
                {
                    pending.Add(record);
                }
            }

            console.WriteJson(new JsonObject
            {
                ["subject"] = subject,
                ["checkpoint"] = new JsonObject
                {
                    ["origin"] = checkpoint.Checkpoint.Origin,
                    ["size"] = size.Value,
                    ["root"] = checkpoint.Checkpoint.Head.RootHash.ToString(),
                    ["signatureVerified"] = verification.IsValid,
                    ["note"] = checkpoint.ToString(),
                },
                ["records"] = proven,
                ["pending"] = pending,
            });
            if (!verification.IsValid)
            {
                console.WriteError("checkpoint signature: " + verification.Message);
                return ExitCodes.Failed;
            }

            return proven.Count > 0 ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return command;
    }

    internal static LedgerStore OpenReadOnly(string directory)
    {
        try
        {
            return LedgerStore.Open(directory, new LedgerStoreOptions { ReadOnly = true });
        }
        catch (Exception exception) when (exception is DirectoryNotFoundException or FileNotFoundException)
        {
            throw new UsageException($"no ledger in {directory}: {exception.Message}");
        }
    }
}

/// <summary>A record as JSON: leaf, kind, subject, time, attributes, leaf data and leaf hash.</summary>
internal static class RecordJson
{
    public static JsonObject Describe(LedgerStore store, LeafIndex leaf)
    {
        var data = store.ReadLeafData(leaf);
        var record = LedgerRecord.Decode(data);
        var attributes = new JsonObject();
        foreach (var (key, value) in record.Attributes)
        {
            attributes[key] = value.IsString ? JsonValue.Create(value.AsString()) : JsonValue.Create(value.AsInt64());
        }

        return new JsonObject
        {
            ["leaf"] = leaf.Value,
            ["kind"] = record.Kind,
            ["subject"] = record.Subject,
            ["time"] = record.Time.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
            ["attributes"] = attributes,
            ["leafData"] = Convert.ToHexStringLower(data),
            ["leafHash"] = MerkleHash.Leaf(data).ToString(),
        };
    }
}
