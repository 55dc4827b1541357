using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Tracehound.AspNetCore.Admin;
using Tracehound.Ledger;
using Tracehound.Storage;

namespace Tracehound.AspNetCore;

/// <summary>
/// The durable data directory in the host. With <c>Tracehound:DataDirectory</c> set it opens
/// <see cref="TracehoundStorage"/> before the server starts (recovering the ledger and restoring the
/// quarantine), records admin actions as ledger leaves, serves the latest signed checkpoint, adds the
/// storage instruments to the meter and reports failures to the health check. A data directory that cannot
/// be opened does not stop the application (fail-open): Tracehound runs in memory, the failure is logged
/// (event 50) and the health check is Unhealthy. Without a data directory admin actions are only logged.
/// </summary>
internal sealed class TracehoundStorageHost(
    Agent agent,
    TracehoundSettings settings,
    TracehoundMetrics metrics,
    ILogger<TracehoundStorageHost> logger) : IAdminAudit, IAdminLedger, IAsyncDisposable
{
    private TracehoundStorage? _storage;
    private string? _openFailure;

    public bool Configured => settings.Options.DataDirectory is not null;

    /// <summary>The open storage, or null (no data directory, not started, or it failed to open).</summary>
    public TracehoundStorage? Storage => Volatile.Read(ref _storage);

    public bool Durable => Storage is not null;

    public string? Failure
    {
        get
        {
            if (_openFailure is { } failure)
            {
                return failure;
            }

            if (Storage is not { } storage)
            {
                return null;
            }

            var counters = storage.Counters;
            return counters.Ledger.Failures > 0 || counters.Evidence.Failed > 0
                ? $"{counters.Ledger.Failures} ledger and {counters.Evidence.Failed} evidence write failures"
                : null;
        }
    }

    /// <summary>The storage options for <paramref name="options"/>: its storage section with its data directory.</summary>
    internal static TracehoundStorageOptions StorageOptionsFor(TracehoundOptions options)
    {
        var storage = options.Storage ?? new TracehoundStorageOptions();
        return new TracehoundStorageOptions
        {
            DataDirectory = options.DataDirectory ?? string.Empty,
            FsyncPolicy = storage.FsyncPolicy,
            CheckpointInterval = storage.CheckpointInterval,
            Origin = storage.Origin,
            RecordDuplicates = storage.RecordDuplicates,
            QueueCapacity = storage.QueueCapacity,
            EvidenceBatchSize = storage.EvidenceBatchSize,
        };
    }

    /// <summary>Opens the data directory when one is configured; never throws.</summary>
    public void Open()
    {
        if (!Configured || Storage is not null || _openFailure is not null)
        {
            return;
        }

        try
        {
            var storage = TracehoundStorage.Open(agent, StorageOptionsFor(settings.Options), agent.TimeProvider);
            Volatile.Write(ref _storage, storage);
            var recovery = storage.Recovery;
            Log.StorageOpened(logger, storage.DataDirectory, (long)storage.DurableHead.Size.Value, recovery.Restored, recovery.Corrupt.Count);
            RegisterInstruments();
        }
#pragma warning disable CA1031 // A data directory that cannot be opened must not stop the application: Tracehound fails open into memory.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _openFailure = $"{ex.GetType().Name}: {ex.Message}";
            Log.StorageFailed(logger, settings.Options.DataDirectory!, _openFailure);
            agent.RaiseAlert("storage_unavailable", Severity.Critical, $"The data directory could not be opened; Tracehound runs in memory only ({ex.GetType().Name}).");
        }
    }

    public async ValueTask<bool> RecordAsync(string actor, string action, string subject, IReadOnlyDictionary<string, string> attributes, CancellationToken cancellationToken)
    {
        Log.AdminAction(logger, action, subject, actor);
        if (!Configured)
        {
            return true;
        }

        if (Storage is not { } storage)
        {
            // A data directory is configured but unusable: the action cannot be made a ledger leaf.
            return false;
        }

        var values = attributes.Select(a => new KeyValuePair<string, LedgerValue>(a.Key, a.Value));
        return await storage.RecordOperatorActionAsync(actor, action, subject, values, cancellationToken).ConfigureAwait(false);
    }

    public LedgerSummaryDocument Summary()
    {
        if (Storage is not { } storage)
        {
            return new LedgerSummaryDocument(true, null, null, null, false);
        }

        var counters = storage.Counters;
        return new LedgerSummaryDocument(
            true,
            (long)counters.LedgerDurableHead.Size.Value,
            storage.LatestCheckpoint is { } checkpoint ? (long)checkpoint.Checkpoint.Head.Size.Value : null,
            counters.Ledger.Backlog + counters.Evidence.Backlog,
            Failure is null);
    }

    public CheckpointDocument? LatestCheckpoint()
    {
        if (Storage?.LatestCheckpoint is not { } signed)
        {
            return null;
        }

        var head = signed.Checkpoint.Head;
        return new CheckpointDocument(AdminSchemas.Checkpoint, signed.Checkpoint.Origin, (long)head.Size.Value, Convert.ToHexStringLower(head.RootHash.AsSpan()), signed.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _storage, null) is { } storage)
        {
            await storage.DisposeAsync().ConfigureAwait(false);
        }
    }

    private void RegisterInstruments()
    {
        metrics.ObserveGauge("tracehound.ledger.size", ObserveLedgerSize, "{leaf}", "Durable leaves in the ledger.");
        metrics.ObserveGauge("tracehound.storage.backlog", ObserveBacklog, "{record}", "Records waiting for the storage lanes, by lane.");
        metrics.ObserveCounter("tracehound.storage.dropped", ObserveDropped, "{record}", "Records the storage lanes shed because they could not keep up, by lane.");
    }

    private Measurement<long>[] ObserveLedgerSize() =>
        Storage is { } storage ? [new((long)storage.DurableHead.Size.Value)] : [];

    private Measurement<long>[] ObserveBacklog()
    {
        if (Storage is not { } storage)
        {
            return [];
        }

        var counters = storage.Counters;
        return [new(counters.Ledger.Backlog, new KeyValuePair<string, object?>("lane", "ledger")), new(counters.Evidence.Backlog, new KeyValuePair<string, object?>("lane", "evidence"))];
    }

    private Measurement<long>[] ObserveDropped()
    {
        if (Storage is not { } storage)
        {
            return [];
        }

        var counters = storage.Counters;
        return
        [
            new(counters.Ledger.Dropped, new KeyValuePair<string, object?>("lane", "ledger")),
            new(counters.Evidence.Dropped, new KeyValuePair<string, object?>("lane", "evidence")),
            new(counters.EventsDropped, new KeyValuePair<string, object?>("lane", "events")),
        ];
    }
}
