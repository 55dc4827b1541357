namespace Tracehound.Ledger;

/// <summary>
/// Reads the hash of a perfect subtree: the node at <c>level</c> (0 = leaves) and
/// position <c>index</c> on that level covers leaves
/// <c>[index · 2^level, (index + 1) · 2^level)</c>.
/// </summary>
internal interface IMerkleNodeReader
{
    Sha256Hash ReadNode(int level, ulong index);
}
