using Tracehound.Ledger;

namespace Tracehound.Storage;

/// <summary>
/// Offline check of a data directory's evidence store: every row must parse and its bytes must decode
/// to a payload whose SHA-256 is the signature's hash; with a ledger, each row should also have its
/// <c>evidence.quarantined</c> leaf. A hash mismatch is a failure with its position; a row without a
/// leaf, or with a final leaf (a delete a crash cut short), is a warning: both happen without tampering
/// when a lane shed work under load or the process died between two commits.
/// </summary>
public static class EvidenceVerifier
{
    /// <summary>
    /// Verifies the evidence store of <paramref name="dataDirectory"/>. A directory without one is intact and
    /// empty, unless <paramref name="ledger"/> records that Tracehound storage ran there (it creates the store
    /// when it opens): then the store was removed.
    /// </summary>
    public static EvidenceVerificationReport Verify(string dataDirectory, LedgerStore? ledger = null, IProgress<long>? progress = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        if (!File.Exists(EvidenceStore.PathFor(dataDirectory)))
        {
            var starts = ledger?.FindBySubject("storage").Count(leaf => ledger.ReadRecord(leaf).Kind == LifecycleRecords.Recovered) ?? 0;
            return starts == 0
                ? new EvidenceVerificationReport(0, null, [])
                : new EvidenceVerificationReport(0, new EvidenceVerificationFailure($"{EvidenceStore.Folder}/{EvidenceStore.FileName}", null, $"the evidence store is missing, although the ledger records {starts} start(s) of Tracehound storage in this directory"), []);
        }

        using var store = EvidenceStore.Open(dataDirectory, readOnly: true);
        var checkedRows = 0L;
        var warnings = new List<string>();
        foreach (var (rowId, stored, problem) in store.ReadAll())
        {
            var position = $"{EvidenceStore.Folder}/{EvidenceStore.FileName} row {rowId}";
            if (stored is null)
            {
                return new EvidenceVerificationReport(checkedRows, new EvidenceVerificationFailure(position, null, problem!), warnings);
            }

            if (!stored.VerifyHash())
            {
                return new EvidenceVerificationReport(checkedRows, new EvidenceVerificationFailure(position, stored.Signature.ToString(), "the stored bytes do not match the evidence hash"), warnings);
            }

            if (ledger is not null)
            {
                CheckLedger(ledger, stored, position, warnings);
            }

            checkedRows++;
            if ((checkedRows & 1023) == 0)
            {
                progress?.Report(checkedRows);
            }
        }

        progress?.Report(checkedRows);
        return new EvidenceVerificationReport(checkedRows, null, warnings);
    }

    private static void CheckLedger(LedgerStore ledger, StoredEvidence stored, string position, List<string> warnings)
    {
        var signature = stored.Signature.ToString();
        var quarantined = false;
        string? ended = null;
        foreach (var leaf in ledger.FindBySubject(signature))
        {
            var record = ledger.ReadRecord(leaf);
            var sequence = record.Attributes.FirstOrDefault(a => a.Key == "sequence").Value;
            if (sequence.IsString || sequence.AsInt64() != stored.Sequence)
            {
                continue;
            }

            if (record.Kind == LifecycleRecords.Quarantined)
            {
                quarantined = true;
            }
            else if (record.Kind is LifecycleRecords.Evicted or LifecycleRecords.Neutralized or LifecycleRecords.Evacuated or LifecycleRecords.Purged)
            {
                ended = $"{record.Kind} at leaf {leaf.Value}";
            }
        }

        if (!quarantined)
        {
            warnings.Add($"{position} ({signature}): no evidence.quarantined leaf in the ledger (dropped under load?)");
        }

        if (ended is not null)
        {
            warnings.Add($"{position} ({signature}): still stored although the ledger records {ended}");
        }
    }
}

/// <summary>The result of <see cref="EvidenceVerifier.Verify"/>.</summary>
/// <param name="Checked">Rows checked before the first failure (all rows when intact).</param>
/// <param name="Failure">The first failure, or null when intact.</param>
/// <param name="Warnings">Inconsistencies that do not prove tampering.</param>
public sealed record EvidenceVerificationReport(long Checked, EvidenceVerificationFailure? Failure, IReadOnlyList<string> Warnings)
{
    /// <summary>True when no row failed.</summary>
    public bool IsIntact => Failure is null;
}

/// <summary>Where the evidence store failed verification.</summary>
/// <param name="Position">The file and row.</param>
/// <param name="Signature">The row's signature, when it parsed.</param>
/// <param name="Reason">What is wrong.</param>
public sealed record EvidenceVerificationFailure(string Position, string? Signature, string Reason)
{
    /// <inheritdoc />
    public override string ToString() => Signature is null ? $"{Position}: {Reason}" : $"{Position} ({Signature}): {Reason}";
}
