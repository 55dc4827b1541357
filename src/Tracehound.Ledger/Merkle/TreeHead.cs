namespace Tracehound.Ledger;

/// <summary>A tree head: the size of a Merkle tree and its root hash.</summary>
/// <param name="Size">The number of leaves.</param>
/// <param name="RootHash">The RFC 9162 root hash of those leaves.</param>
public readonly record struct TreeHead(TreeSize Size, Sha256Hash RootHash)
{
    /// <summary>The head of the empty tree (root = SHA-256 of the empty string).</summary>
    public static TreeHead Empty => new(TreeSize.Zero, MerkleHash.EmptyTree);

    /// <summary>"size N root HEX".</summary>
    public override string ToString() => $"size {Size} root {RootHash}";
}
