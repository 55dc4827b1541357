using System.Globalization;
using Tracehound.AspNetCore.Admin;
using Tracehound.Ledger;
using Tracehound.Storage;

namespace Tracehound.Cli.Operations;

/// <summary>Where <c>watch</c> reads its frames.</summary>
internal interface IDashboardSource : IDisposable
{
    Task<DashboardFrame> ReadAsync(CancellationToken cancellationToken);
}

/// <summary>
/// A running application: its stats each refresh, rates as differences between refreshes, and the recent
/// alerts, evictions and fail-safe changes the stats carry.
/// </summary>
internal sealed class AdminDashboardSource(Uri url, string token) : IDashboardSource
{
    private readonly AdminClient _client = new(url, token);
    private StatsDocument? _previous;

    public async Task<DashboardFrame> ReadAsync(CancellationToken cancellationToken)
    {
        var stats = await _client.GetAsync("stats", AdminJsonContext.Default.StatsDocument, cancellationToken).ConfigureAwait(false);
        var status = await _client.GetAsync("status", AdminJsonContext.Default.StatusDocument, cancellationToken).ConfigureAwait(false);
        var rates = new List<(string, double)>();
        if (_previous is { } previous && stats.Time > previous.Time)
        {
            var seconds = (stats.Time - previous.Time).TotalSeconds;
            rates.Add(("clean", (stats.Intercepts.Clean - previous.Intercepts.Clean) / seconds));
            rates.Add(("quarantined", (stats.Intercepts.Quarantined - previous.Intercepts.Quarantined) / seconds));
            rates.Add(("ignored", (stats.Intercepts.Ignored - previous.Intercepts.Ignored) / seconds));
            rates.Add(("rate_limited", (stats.Intercepts.RateLimited - previous.Intercepts.RateLimited) / seconds));
            rates.Add(("payload_too_large", (stats.Intercepts.PayloadTooLarge - previous.Intercepts.PayloadTooLarge) / seconds));
            rates.Add(("error", (stats.Intercepts.Error - previous.Intercepts.Error) / seconds));
        }

        _previous = stats;
        return new DashboardFrame(
            stats.Time,
            url.ToString(),
            rates,
            status.Health,
            stats.FailSafeLevel,
            [.. stats.Quarantine.BySeverity.Select(b => (b.Severity, b.Count, b.Bytes))],
            stats.Quarantine.Count,
            stats.Quarantine.MaxItems,
            stats.Quarantine.FillRatio,
            stats.Ledger.Size,
            [.. stats.RecentEvents.Where(e => e.Kind != "evicted").Reverse().Take(8).Select(Describe)],
            [.. stats.RecentEvents.Where(e => e.Kind == "evicted").Reverse().Take(8).Select(Describe)],
            null);
    }

    public void Dispose() => _client.Dispose();

    private static string Describe(RecentEventDocument e) =>
        string.Create(CultureInfo.InvariantCulture, $"{e.Time:HH:mm:ss} {e.Severity ?? e.Code} {e.Message}");
}

/// <summary>
/// A data directory: the evidence store on each refresh (what left since the previous refresh shows as
/// released: evicted, neutralized or evacuated), the ledger size as of its latest checkpoint. Rates,
/// health and alerts exist only in the running application.
/// </summary>
internal sealed class DataDirectoryDashboardSource(string directory) : IDashboardSource
{
    private readonly List<string> _released = [];
    private HashSet<string>? _previous;

    public Task<DashboardFrame> ReadAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<StoredEvidence> held = [];
        if (File.Exists(EvidenceStore.PathFor(directory)))
        {
            using var store = EvidenceStore.Open(directory, readOnly: true);
            held = [.. store.ReadAll().Where(r => r.Evidence is not null).Select(r => r.Evidence!)];
        }

        var now = DateTimeOffset.UtcNow;
        var current = held.Select(e => e.Signature.ToString()).ToHashSet(StringComparer.Ordinal);
        if (_previous is not null)
        {
            foreach (var gone in _previous.Where(s => !current.Contains(s)))
            {
                _released.Insert(0, string.Create(CultureInfo.InvariantCulture, $"{now:HH:mm:ss} released {gone}"));
            }

            if (_released.Count > 8)
            {
                _released.RemoveRange(8, _released.Count - 8);
            }
        }

        _previous = current;
        long? ledgerSize = null;
        var latest = LedgerLayout.LatestCheckpointPath(directory);
        if (File.Exists(latest) && SignedCheckpoint.TryParse(File.ReadAllText(latest), out var checkpoint, out _))
        {
            ledgerSize = (long)checkpoint.Checkpoint.Head.Size.Value;
        }

        var bySeverity = Enum.GetValues<Severity>()
            .Select(s => (Names.Severity(s), held.Count(e => e.Severity == s), held.Where(e => e.Severity == s).Sum(e => (long)e.Bytes.Length)))
            .ToList();
        return Task.FromResult(new DashboardFrame(
            now, directory, [], null, null, bySeverity, held.Count, null, null, ledgerSize, [], [.. _released],
            "offline: rates, health and alerts need --url"));
    }

    public void Dispose()
    {
    }
}
