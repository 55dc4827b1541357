using Tracehound.Ledger;

namespace Detektr.Runs;

/// <summary>The run store's ledger (<c>RUNS/ledger</c>): each run's digest is appended as a
/// <c>detektr.run</c> record and committed, so a run directory changed afterwards no longer matches the
/// tamper-evident log. The store stays open for the detonator's lifetime (opening replays the whole
/// log); another process holding it is waited for.</summary>
internal sealed class RunLedger : IDisposable
{
    /// <summary>The record kind.</summary>
    public const string RecordKind = "detektr.run";

    /// <summary>The ledger's folder name inside the run store.</summary>
    public const string FolderName = "ledger";

    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(30);
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private LedgerStore? _store;
    private bool _disposed;

    public RunLedger(string runsDirectory, TimeProvider time)
    {
        Directory = Path.Join(runsDirectory, FolderName);
        _time = time;
    }

    /// <summary>The ledger's data directory.</summary>
    public string Directory { get; }

    /// <summary>Appends and commits the digest of a finished run directory.</summary>
    /// <exception cref="IOException">The ledger stayed locked by another process, or could not be written.</exception>
    /// <exception cref="LedgerIntegrityException">The existing ledger is damaged.</exception>
    public LedgerReceipt Append(string runDirectory, RunManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var manifestHash = Sha256Hash.OfFile(Path.Join(runDirectory, ManifestJson.FileName)).ToString();
        var eventsHash = Sha256Hash.OfFile(Path.Join(runDirectory, Events.EventsReader.FileName)).ToString();
        var attributes = new List<KeyValuePair<string, LedgerValue>>
        {
            new("manifest_sha256", manifestHash),
            new("events_sha256", eventsHash),
            new("events", manifest.Counts.Events),
            new("changes", manifest.Counts.FileChanges),
            new("persistence", manifest.Counts.PersistenceFindings),
            new("termination", manifest.Termination.Reason),
        };
        if (manifest.Artifact is { } artifact)
        {
            attributes.Add(new("artifact_sha256", artifact.Sha256));
        }

        var record = new LedgerRecord(RecordKind, manifest.RunId, manifest.EndedUtc, attributes);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var store = _store ??= OpenWaiting();
            var leaf = store.Append(record);
            var head = store.Commit();
            return new LedgerReceipt(Directory, RecordKind, manifest.RunId, leaf.Value, head.Size.Value,
                head.RootHash.ToString(), manifestHash);
        }
    }

    private LedgerStore OpenWaiting()
    {
        var started = _time.GetTimestamp();
        while (true)
        {
            try
            {
                return LedgerStore.Open(Directory, time: _time);
            }
            catch (IOException) when (_time.GetElapsedTime(started) < LockWait && LockedByOther())
            {
                Thread.Sleep(50);
            }
        }
    }

    private bool LockedByOther() => File.Exists(Path.Join(Directory, FolderName, "LOCK"));

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _store?.Dispose();
            _store = null;
        }
    }

    /// <summary>Text of a receipt for <c>ledger.json</c>.</summary>
    public static string Describe(LedgerReceipt receipt) =>
        System.Text.Json.JsonSerializer.Serialize(receipt, ManifestJson.Options) + "\n";
}
