using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Tracehound.Ledger;
using Tracehound.Storage;

namespace Tracehound.Cli.Verification;

/// <summary>
/// The evidence part of <c>verify</c>: every stored row must decode to a payload whose SHA-256 is its
/// signature's hash, and should have its <c>evidence.quarantined</c> leaf (a missing leaf is a warning).
/// Runs after the ledger check, so the ledger it cross-checks against is already known intact.
/// </summary>
internal sealed class EvidenceDataDirectoryCheck : IDataDirectoryCheck
{
    public string Name => "evidence";

    public DataDirectoryCheckResult Run(DataDirectoryCheckContext context, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var details = new JsonObject();
        try
        {
            var present = File.Exists(EvidenceStore.PathFor(context.DataDirectory));
            long total = 0;
            if (present)
            {
                using var store = EvidenceStore.Open(context.DataDirectory, readOnly: true);
                total = store.Count();
            }

            // The ledger (already verified) tells a store that was removed from one that never existed.
            using var ledger = Directory.Exists(LedgerLayout.LedgerDirectory(context.DataDirectory)) && (total > 0 || !present)
                ? LedgerStore.Open(context.DataDirectory, new LedgerStoreOptions { ReadOnly = true })
                : null;
            var report = EvidenceVerifier.Verify(
                context.DataDirectory,
                ledger,
                progress is null ? null : new Progress<long>(done => progress.Report(total == 0 ? 1 : (double)done / total)));
            if (!present && report.IsIntact)
            {
                details["store"] = "none";
                return new DataDirectoryCheckResult(Name, true, null, null, details);
            }

            details["rows"] = report.Checked;
            details["warnings"] = report.Warnings.Count;
            if (report.Warnings.Count > 0)
            {
                details["warningList"] = new JsonArray([.. report.Warnings.Take(20).Select(w => (JsonNode?)JsonValue.Create(w))]);
            }

            return report.Failure is { } failure
                ? new DataDirectoryCheckResult(Name, false, failure.Signature is null ? failure.Position : $"{failure.Position} ({failure.Signature})", failure.Reason, details)
                : new DataDirectoryCheckResult(Name, true, null, null, details);
        }
        catch (Exception ex) when (ex is SqliteException or InvalidDataException or IOException or UnauthorizedAccessException or LedgerIntegrityException)
        {
            // A store SQLite cannot read, or a ledger that cannot be opened to cross-check, is a failed check, not a crash.
            return new DataDirectoryCheckResult(Name, false, $"{EvidenceStore.Folder}/{EvidenceStore.FileName}", $"cannot be read ({ex.GetType().Name}): {ex.Message}", details);
        }
    }
}
