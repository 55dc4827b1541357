using Tracehound.Ledger;

namespace Tracehound.Storage;

/// <summary>
/// Offline check of a data directory's evidence store: every row must parse and its bytes must decode
/// to a payload whose SHA-256 is the signature's hash; with a ledger, each row should also have its
/// <c>evidence.quarantined</c> leaf with the same metadata. A hash or metadata mismatch is a failure with its position; a row without a
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

            if (ledger is not null && CheckLedger(ledger, stored, position, warnings) is { } mismatch)
            {
                return new EvidenceVerificationReport(checkedRows, new EvidenceVerificationFailure(position, stored.Signature.ToString(), mismatch), warnings);
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

    /// <summary>
    /// Warns when the row has no <c>evidence.quarantined</c> leaf or a final one; returns a failure when the
    /// leaf exists but records other metadata than the row holds (both are written from the same capture,
    /// so only an edit of the store can make them differ).
    /// </summary>
    private static string? CheckLedger(LedgerStore ledger, StoredEvidence stored, string position, List<string> warnings)
    {
        var signature = stored.Signature.ToString();
        string? mismatch = null;
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
                mismatch ??= CompareWithCapture(record, stored, leaf);
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

        return mismatch;
    }

    private static string? CompareWithCapture(LedgerRecord record, StoredEvidence stored, LeafIndex leaf)
    {
        string? Text(string key) => record.Attributes.FirstOrDefault(a => a.Key == key).Value is { IsString: true } value ? value.AsString() : null;
        long? Number(string key) => record.Attributes.FirstOrDefault(a => a.Key == key) is { Key: not null, Value: { IsString: false } value } ? value.AsInt64() : null;

        var expected = new (string Field, string? Recorded, string? Stored)[]
        {
            ("severity", Text("severity"), LifecycleRecords.Name(stored.Severity)),
            ("size", Number("size")?.ToString(System.Globalization.CultureInfo.InvariantCulture), stored.Size.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("scent_id", Text("scent_id"), LifecycleRecords.Truncate(stored.Id)),
            ("detector", Text("detector"), LifecycleRecords.Truncate(stored.Detector)),
            ("rule_id", Text("rule_id"), stored.RuleId is { Length: > 0 } rule ? LifecycleRecords.Truncate(rule) : null),
            ("captured_at", record.Time.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture), stored.CapturedAt.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        foreach (var (field, recorded, held) in expected)
        {
            if (!string.Equals(recorded, held, StringComparison.Ordinal))
            {
                return $"the stored {field} ({held ?? "none"}) differs from its evidence.quarantined leaf {leaf.Value} ({recorded ?? "none"})";
            }
        }

        return null;
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
