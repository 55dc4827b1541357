using System.Collections.Immutable;

namespace Tracehound.Ledger;

/// <summary>
/// An RFC 9162 consistency proof: the hashes that show a tree of size <see cref="From"/> is a prefix
/// of the tree of size <see cref="To"/>, i.e. the log only appended in between.
/// </summary>
public sealed class ConsistencyProof
{
    /// <summary>Creates a proof from its parts.</summary>
    public ConsistencyProof(TreeSize from, TreeSize to, ImmutableArray<Sha256Hash> hashes)
    {
        From = from;
        To = to;
        Hashes = hashes.IsDefault ? [] : hashes;
    }

    /// <summary>The older, smaller tree size.</summary>
    public TreeSize From { get; }

    /// <summary>The newer tree size.</summary>
    public TreeSize To { get; }

    /// <summary>The proof hashes in RFC 9162 order.</summary>
    public ImmutableArray<Sha256Hash> Hashes { get; }

    /// <summary>Verifies this proof between the two roots.</summary>
    public MerkleVerification Verify(Sha256Hash fromRoot, Sha256Hash toRoot) =>
        MerkleVerifier.VerifyConsistency(From, To, Hashes.AsSpan(), fromRoot, toRoot);
}
