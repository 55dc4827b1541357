using System.Globalization;
using System.Text.Json.Nodes;
using Tracehound.Ledger;
using Tracehound.Storage;

namespace Tracehound.Cli.Operations;

/// <summary>
/// A data directory read offline and read-only: the evidence store (what the quarantine held at its last
/// commit) and the ledger. It may be in use by a running application; WAL and the ledger's read-only
/// mode allow reading beside the writer.
/// </summary>
internal sealed class OfflineDataDirectory : IDisposable
{
    private readonly EvidenceStore? _store;
    private IReadOnlyList<StoredEvidence>? _evidence;

    private OfflineDataDirectory(string path, LedgerStore? ledger, EvidenceStore? store)
    {
        Path = path;
        Ledger = ledger;
        _store = store;
    }

    public string Path { get; }

    public LedgerStore? Ledger { get; }

    public IReadOnlyList<StoredEvidence> Evidence => _evidence ??= _store is null
        ? []
        : [.. _store.ReadAll().Where(row => row.Evidence is not null).Select(row => row.Evidence!)];

    public static OfflineDataDirectory Open(string path)
    {
        var ledger = Directory.Exists(LedgerLayout.LedgerDirectory(path))
            ? LedgerStore.Open(path, new LedgerStoreOptions { ReadOnly = true })
            : null;
        var store = File.Exists(EvidenceStore.PathFor(path)) ? EvidenceStore.Open(path, readOnly: true) : null;
        if (ledger is null && store is null)
        {
            throw new Output.UsageException($"'{path}' holds no Tracehound data (no ledger/ and no evidence/)");
        }

        return new OfflineDataDirectory(path, ledger, store);
    }

    public JsonObject QuarantineJson()
    {
        var buckets = new JsonArray();
        foreach (var severity in Enum.GetValues<Severity>())
        {
            var held = Evidence.Where(e => e.Severity == severity).ToList();
            buckets.Add(new JsonObject
            {
                ["severity"] = Names.Severity(severity),
                ["count"] = held.Count,
                ["bytes"] = held.Sum(e => (long)e.Bytes.Length),
            });
        }

        return new JsonObject
        {
            ["count"] = Evidence.Count,
            ["bytes"] = Evidence.Sum(e => (long)e.Bytes.Length),
            ["by_severity"] = buckets,
        };
    }

    public JsonObject LedgerJson()
    {
        if (Ledger is null)
        {
            return new JsonObject { ["configured"] = false };
        }

        var checkpoint = Ledger.LatestCheckpoint?.Checkpoint;
        return new JsonObject
        {
            ["configured"] = true,
            ["origin"] = Ledger.Origin,
            ["size"] = Ledger.Head.Size.Value,
            ["root_hash"] = Ledger.Head.RootHash.ToString(),
            ["checkpoint_size"] = checkpoint?.Head.Size.Value,
            ["checkpoint_root_hash"] = checkpoint?.Head.RootHash.ToString(),
        };
    }

    /// <summary>The ledger's records of one subject (e.g. an evidence signature), oldest first.</summary>
    public IReadOnlyList<(LeafIndex Leaf, LedgerRecord Record)> History(string subject) =>
        Ledger is null ? [] : [.. Ledger.FindBySubject(subject).Select(leaf => (leaf, Ledger.ReadRecord(leaf)))];

    /// <summary>The last <paramref name="count"/> records whose kind passes <paramref name="filter"/>, newest first.</summary>
    public IReadOnlyList<(LeafIndex Leaf, LedgerRecord Record)> Tail(int count, Func<string, bool> filter, int scanLimit = 10_000)
    {
        var found = new List<(LeafIndex, LedgerRecord)>();
        if (Ledger is null)
        {
            return found;
        }

        var size = (long)Ledger.Head.Size.Value;
        for (var i = size - 1; i >= 0 && i >= size - scanLimit && found.Count < count; i--)
        {
            var record = Ledger.ReadRecord(new LeafIndex((ulong)i));
            if (filter(record.Kind))
            {
                found.Add((new LeafIndex((ulong)i), record));
            }
        }

        return found;
    }

    /// <summary>Counts every ledger record by kind: a full scan, reported through <paramref name="progress"/> (0 to 1).</summary>
    public SortedDictionary<string, long> CountKinds(IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        if (Ledger is null)
        {
            return counts;
        }

        var size = (long)Ledger.Head.Size.Value;
        for (long i = 0; i < size; i++)
        {
            var kind = Ledger.ReadRecord(new LeafIndex((ulong)i)).Kind;
            counts[kind] = counts.GetValueOrDefault(kind) + 1;
            if ((i & 4095) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Report((double)i / size);
            }
        }

        progress?.Report(1);
        return counts;
    }

    public static JsonObject RecordJson(LeafIndex leaf, LedgerRecord record)
    {
        var attributes = new JsonObject();
        foreach (var (key, value) in record.Attributes)
        {
            attributes[key] = value.IsString ? JsonValue.Create(value.AsString()) : JsonValue.Create(value.AsInt64());
        }

        return new JsonObject
        {
            ["leaf"] = leaf.Value,
            ["kind"] = record.Kind,
            ["time"] = record.Time.ToString("O", CultureInfo.InvariantCulture),
            ["attributes"] = attributes,
        };
    }

    public void Dispose()
    {
        Ledger?.Dispose();
        _store?.Dispose();
    }
}
