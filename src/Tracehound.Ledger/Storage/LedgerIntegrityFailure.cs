using System.Globalization;

namespace Tracehound.Ledger;

/// <summary>The first point where a ledger failed an integrity check, with its position.</summary>
/// <param name="Kind">What failed.</param>
/// <param name="File">The file, relative to the data directory (e.g. <c>ledger/segments/00000000000000000000.seg</c>).</param>
/// <param name="Offset">The byte offset in that file.</param>
/// <param name="Leaf">The leaf involved, when there is one.</param>
/// <param name="Reason">What is wrong, naming the values.</param>
public sealed record LedgerIntegrityFailure(LedgerFailureKind Kind, string File, long Offset, LeafIndex? Leaf, string Reason)
{
    /// <summary>"file at byte N (leaf L): reason".</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{File} at byte {Offset}{(Leaf is { } leaf ? $" (leaf {leaf.Value})" : string.Empty)}: {Reason}");
}
