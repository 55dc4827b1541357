using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Heimdall.Advisories;
using Heimdall.Matching;
using Heimdall.Packages;
using Tracehound.Ledger;

namespace Heimdall.Ledger;

/// <summary>
/// Appends a scan to a Tracehound ledger so that scan history is tamper-evident: one
/// <c>heimdall.scan</c> record whose subject is the result digest, and one <c>heimdall.finding</c>
/// record per flagged dependency. Records carry hashes and identifiers only: package coordinates and
/// the scan root are hashed, advisory and rule ids are kept.
/// </summary>
public static class ScanLedger
{
    /// <summary>The kind of the record of a whole scan.</summary>
    public const string ScanKind = "heimdall.scan";

    /// <summary>The kind of the record of one flagged dependency.</summary>
    public const string FindingKind = "heimdall.finding";

    /// <summary>Appends the records of <paramref name="result"/> and commits them.</summary>
    /// <param name="ledgerDirectory">The ledger's data directory (created when absent).</param>
    /// <param name="result">The scan.</param>
    /// <param name="time">The clock the ledger uses for its checkpoints.</param>
    /// <returns>The leaf of the scan record and the committed tree size.</returns>
    /// <exception cref="IOException">The ledger is held by another writer or cannot be written.</exception>
    /// <exception cref="LedgerIntegrityException">The ledger is damaged.</exception>
    public static ScanLedgerEntry Append(string ledgerDirectory, ScanResult result, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var store = LedgerStore.Open(ledgerDirectory, time: time);
        var records = Records(result);
        var scanLeaf = store.Append(records[0]);
        foreach (var record in records.Skip(1))
        {
            store.Append(record);
        }

        var head = store.Commit();
        return new ScanLedgerEntry(scanLeaf, records.Count - 1, head.Size);
    }

    /// <summary>The records a scan is written as: the scan record first, then one per flagged dependency.</summary>
    public static IReadOnlyList<LedgerRecord> Records(ScanResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var digest = result.ResultDigest;
        var files = result.Inventory.Files;
        var flagged = result.Findings.GroupBy(f => f.Package).ToList();
        var records = new List<LedgerRecord>(flagged.Count + 1)
        {
            new(ScanKind, digest, result.GeneratedAt,
            [
                new("exit_code", (long)(int)result.ExitCode),
                new("root", Hash(result.Inventory.Root)),
                new("files", (long)files.Count),
                new("packages", (long)files.Sum(f => f.Packages.Count)),
                new("unparsed", (long)files.Sum(f => f.Unparsed.Count)),
                new("vulnerabilities", (long)result.Vulnerabilities.Count),
                new("suspicious", (long)result.Suspicious.Count),
                new("failing", (long)result.FailingFindings),
                new("flagged_dependencies", (long)flagged.Count),
                new("advisories", (long)result.AdvisoryData.Count),
                new("fail_on", result.Threshold.ToString()),
                new("tool_version", Reports.ToolInfo.Version),
            ]),
        };

        foreach (var group in flagged)
        {
            var package = group.Key;
            var rules = Fit(string.Join(',', group.Select(f => f.RuleId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)));
            var worst = group.Max(f => f.Severity.Level);
            records.Add(new LedgerRecord(FindingKind, DependencySubject(package), result.GeneratedAt,
            [
                new("scan", digest),
                new("ecosystem", package.Ecosystem.ToOsv()),
                new("file", Hash(package.File)),
                new("rules", rules),
                new("findings", (long)group.Count()),
                new("severity", worst.ToName()),
            ]));
        }

        return records;
    }

    /// <summary>
    /// The subject of a flagged dependency: a SHA-256 of its ecosystem, normalized name and version, so
    /// the same dependency is found across scans with <c>FindBySubject</c> without naming it.
    /// </summary>
    public static string DependencySubject(PackageOccurrence package)
    {
        ArgumentNullException.ThrowIfNull(package);
        return Hash(package.Ecosystem.ToOsv() + "\n" + package.Ecosystem.NormalizeName(package.Name) + "\n" + (package.Version ?? package.Source.ToString()));
    }

    private static string Hash(string text) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    // Keeps a joined id list within the ledger's string limit, saying how many ids were left out.
    private static string Fit(string joined)
    {
        if (Encoding.UTF8.GetByteCount(joined) <= LedgerRecord.MaxStringValueBytes)
        {
            return joined;
        }

        var ids = joined.Split(',');
        var kept = new StringBuilder();
        for (var i = 0; i < ids.Length; i++)
        {
            var suffix = string.Create(CultureInfo.InvariantCulture, $",+{ids.Length - i} more");
            if (kept.Length + ids[i].Length + 1 + suffix.Length > LedgerRecord.MaxStringValueBytes)
            {
                return kept.Append(suffix).ToString();
            }

            kept.Append(i == 0 ? "" : ",").Append(ids[i]);
        }

        return kept.ToString();
    }
}

/// <summary>Where a scan landed in the ledger.</summary>
/// <param name="ScanLeaf">The leaf index of the <c>heimdall.scan</c> record.</param>
/// <param name="FindingRecords">How many <c>heimdall.finding</c> records followed it.</param>
/// <param name="TreeSize">The committed tree size afterwards.</param>
public sealed record ScanLedgerEntry(LeafIndex ScanLeaf, int FindingRecords, TreeSize TreeSize);
