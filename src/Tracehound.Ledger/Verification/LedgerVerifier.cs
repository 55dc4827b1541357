using System.Globalization;
using System.Text;

namespace Tracehound.Ledger;

/// <summary>
/// Offline, read-only verification of a data directory's ledger for auditors: every frame's CRC and
/// leaf number, every record's canonical encoding, the tree rebuilt from the records and compared
/// with the stored hashes, every checkpoint's signature (by trusted keys) and root, and the
/// <c>latest</c> checkpoint file, and any checkpoints witnessed outside the directory. It never
/// writes, so it can run beside a live writer.
/// </summary>
public static class LedgerVerifier
{
    /// <summary>Verifies the ledger under <paramref name="dataDirectory"/>.</summary>
    public static LedgerVerificationReport Verify(string dataDirectory, LedgerVerifierOptions? options = null, IProgress<LedgerVerificationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        dataDirectory = Path.GetFullPath(dataDirectory);
        var ledgerDirectory = LedgerLayout.LedgerDirectory(dataDirectory);
        var originPath = Path.Combine(ledgerDirectory, LedgerLayout.OriginFile);
        if (!File.Exists(originPath))
        {
            return Fail(new LedgerIntegrityFailure(LedgerFailureKind.FileMissing, LedgerLayout.LedgerFolder + "/" + LedgerLayout.OriginFile, 0, null, $"no ledger at {ledgerDirectory}"));
        }

        var origin = File.ReadAllText(originPath).Trim();
        var keys = options?.TrustedKeys ?? LedgerKeyRing.ReadVerifierKeys(LedgerLayout.KeysDirectory(dataDirectory));
        var logPath = Path.Combine(LedgerLayout.CheckpointsDirectory(dataDirectory), LedgerLayout.CheckpointLogFile);
        var logRelative = LedgerLayout.Relative(dataDirectory, logPath);
        var log = CheckpointLog.Read(dataDirectory, logPath);
        if (log.Failure is not null)
        {
            return Fail(log.Failure);
        }

        if (keys.Count == 0 && log.Entries.Count > 0)
        {
            return Fail(new LedgerIntegrityFailure(LedgerFailureKind.CheckpointSignature, logRelative, log.Entries[0].Offset, null, "no trusted public key to verify checkpoints with"));
        }

        foreach (var entry in log.Entries)
        {
            var checkpoint = entry.Checkpoint;
            if (!string.Equals(checkpoint.Checkpoint.Origin, origin, StringComparison.Ordinal))
            {
                return Fail(new LedgerIntegrityFailure(LedgerFailureKind.CheckpointCorrupt, logRelative, entry.Offset, null, $"checkpoint #{entry.Ordinal} is for origin '{checkpoint.Checkpoint.Origin}', not '{origin}'"));
            }

            var verification = checkpoint.Verify(keys);
            if (!verification.IsValid)
            {
                return Fail(new LedgerIntegrityFailure(LedgerFailureKind.CheckpointSignature, logRelative, entry.Offset, null, string.Create(CultureInfo.InvariantCulture, $"checkpoint #{entry.Ordinal} (size {checkpoint.Checkpoint.Head.Size}): {verification.Message}")));
            }
        }

        var witnessed = new List<CheckpointLog.Entry>();
        foreach (var witness in options?.Witnessed ?? [])
        {
            var checkpoint = witness.Checkpoint;
            if (!string.Equals(checkpoint.Checkpoint.Origin, origin, StringComparison.Ordinal))
            {
                return Fail(new LedgerIntegrityFailure(LedgerFailureKind.CheckpointCorrupt, witness.Source, 0, null, $"the checkpoint witnessed in {witness.Source} is for origin '{checkpoint.Checkpoint.Origin}', not '{origin}'"));
            }

            var verification = checkpoint.Verify(keys);
            if (!verification.IsValid)
            {
                return Fail(new LedgerIntegrityFailure(LedgerFailureKind.CheckpointSignature, witness.Source, 0, null, $"the checkpoint witnessed in {witness.Source}: {verification.Message}"));
            }

            witnessed.Add(new CheckpointLog.Entry(checkpoint, 0, witnessed.Count, witness.Source));
        }

        var latest = log.Entries.Count > 0 ? log.Entries[^1].Checkpoint : null;
        var latestFailure = CheckLatestFile(dataDirectory, latest);
        if (latestFailure is not null)
        {
            return Fail(latestFailure);
        }

        var scan = LedgerScan.Run(dataDirectory, log.Entries, visitor: null, progress, cancellationToken, witnessed);
        var needed = HashFormat.EntriesFor(scan.Range.Size.Value);
        return new LedgerVerificationReport(
            scan.Failure,
            scan.Range.Head,
            scan.Failure is null ? scan.CheckpointsMatched : 0,
            latest,
            scan.Torn?.Bytes ?? 0,
            scan.Torn?.Leaf,
            scan.Failure is null ? needed - scan.HashEntriesValid : 0);
    }

    private static LedgerIntegrityFailure? CheckLatestFile(string dataDirectory, SignedCheckpoint? latest)
    {
        var path = LedgerLayout.LatestCheckpointPath(dataDirectory);
        var relative = LedgerLayout.Relative(dataDirectory, path);
        if (!File.Exists(path))
        {
            return null;
        }

        var text = File.ReadAllBytes(path);
        var expected = latest is null ? [] : Encoding.UTF8.GetBytes(latest.ToString());
        if (text.AsSpan().SequenceEqual(expected))
        {
            return null;
        }

        var at = text.AsSpan().CommonPrefixLength(expected);
        return new LedgerIntegrityFailure(LedgerFailureKind.CheckpointCorrupt, relative, at, null, "the latest checkpoint file differs from the last entry of the checkpoint log");
    }

    private static LedgerVerificationReport Fail(LedgerIntegrityFailure failure) => new(failure, TreeHead.Empty, 0, null, 0, null, 0);
}
