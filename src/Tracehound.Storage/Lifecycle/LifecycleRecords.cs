using Tracehound.Ledger;

namespace Tracehound.Storage;

/// <summary>
/// The ledger leaves of the evidence lifecycle. Each record's subject is the evidence signature, so
/// <c>tracehound ledger prove --signature</c> finds every step of one piece of evidence; attributes
/// are hashes, identifiers, sizes and enumerations only — never payload bytes, and the source only as
/// a keyed pseudonym. The kinds and attributes are listed in docs/storage.md.
/// </summary>
internal static class LifecycleRecords
{
    public const string Quarantined = "evidence.quarantined";
    public const string Ignored = "evidence.ignored";
    public const string Evicted = "evidence.evicted";
    public const string Neutralized = "evidence.neutralized";
    public const string Evacuated = "evidence.evacuated";
    public const string Purged = "evidence.purged";
    public const string OperatorAction = "operator.action";
    public const string ConfigChanged = "config.changed";
    public const string Recovered = "storage.recovered";

    public static LedgerRecord? From(TracehoundEvent e, SourcePseudonymizer pseudonyms, bool recordDuplicates) => e switch
    {
        EvidenceQuarantined q => new LedgerRecord(Quarantined, q.Evidence.Signature.ToString(), e.Time, Describe(q.Evidence, pseudonyms)),
        DuplicateIgnored d when recordDuplicates => new LedgerRecord(Ignored, d.Signature.ToString(), e.Time,
        [
            new("scent_id", Truncate(d.ScentId)),
            new("source_id", pseudonyms.Pseudonym(d.Source)),
        ]),
        EvidenceEvicted v => new LedgerRecord(Evicted, v.Evidence.Signature.ToString(), e.Time,
        [
            new("reason", Name(v.Reason)),
            new("sequence", v.Evidence.Sequence),
            new("severity", Name(v.Evidence.Severity)),
        ]),
        EvidenceNeutralized n => new LedgerRecord(Neutralized, n.Evidence.Signature.ToString(), e.Time,
        [
            new("hash", n.Record.Hash.ToString()),
            new("scent_id", Truncate(n.Record.Id)),
            new("sequence", n.Evidence.Sequence),
            new("size", n.Record.Size),
        ]),
        EvidenceEvacuated x => new LedgerRecord(Evacuated, x.Evidence.Signature.ToString(), e.Time,
        [
            new("destination", Truncate(x.Destination)),
            new("sequence", x.Evidence.Sequence),
        ]),
        EvidencePurged p => new LedgerRecord(Purged, p.Evidence.Signature.ToString(), e.Time,
        [
            new("reason", Truncate(p.Reason)),
            new("sequence", p.Evidence.Sequence),
        ]),
        _ => null,
    };

    private static KeyValuePair<string, LedgerValue>[] Describe(Evidence evidence, SourcePseudonymizer pseudonyms)
    {
        var attributes = new List<KeyValuePair<string, LedgerValue>>(9)
        {
            new("category", evidence.Category.Name),
            new("detector", Truncate(evidence.Detector)),
            new("hash", evidence.Hash.ToString()),
            new("scent_id", Truncate(evidence.Id)),
            new("sequence", evidence.Sequence),
            new("severity", Name(evidence.Severity)),
            new("size", evidence.Size),
            new("source_id", pseudonyms.Pseudonym(evidence.Source)),
        };
        if (evidence.RuleId is { Length: > 0 } rule)
        {
            attributes.Add(new("rule_id", Truncate(rule)));
        }

        return [.. attributes];
    }

    public static string Name(Severity severity) => severity switch
    {
        Severity.Low => "low",
        Severity.Medium => "medium",
        Severity.High => "high",
        _ => "critical",
    };

    public static string Name(EvictionReason reason) => reason switch
    {
        EvictionReason.ItemLimit => "item_limit",
        EvictionReason.ByteLimit => "byte_limit",
        _ => "expired",
    };

    /// <summary>
    /// Identifiers from outside (scent ids, detector names) go in as they are when short, well-formed
    /// text; anything else is replaced by a digest, so a hostile id can neither break nor bloat a record.
    /// </summary>
    public static string Truncate(string value)
    {
        if (value.Length <= 128 && !value.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF') && !value.Any(char.IsControl))
        {
            return value;
        }

        var digest = System.Security.Cryptography.SHA256.HashData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(value.AsSpan()));
        return "sha256-utf16:" + Convert.ToHexStringLower(digest);
    }
}
