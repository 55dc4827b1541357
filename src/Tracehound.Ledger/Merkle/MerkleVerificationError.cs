namespace Tracehound.Ledger;

/// <summary>Why a proof did not verify.</summary>
public enum MerkleVerificationError
{
    /// <summary>The proof verified.</summary>
    None,

    /// <summary>The leaf index is not below the tree size.</summary>
    IndexBeyondSize,

    /// <summary>The proof has more or fewer hashes than the sizes require.</summary>
    WrongProofSize,

    /// <summary>The hashes are well formed but lead to a different root: the one failure that means tampering.</summary>
    RootMismatch,

    /// <summary>A consistency proof whose second size is smaller than its first.</summary>
    SizesOutOfOrder,

    /// <summary>A non-empty consistency proof between equal sizes, or from the empty tree.</summary>
    ProofNotEmpty,

    /// <summary>An empty consistency proof between different non-zero sizes.</summary>
    EmptyProof,
}
