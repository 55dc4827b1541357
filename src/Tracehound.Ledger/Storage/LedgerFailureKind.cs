namespace Tracehound.Ledger;

/// <summary>What kind of damage an integrity check found.</summary>
public enum LedgerFailureKind
{
    /// <summary>A file the ledger needs is missing or unreadable.</summary>
    FileMissing,

    /// <summary>A segment file header is damaged or names the wrong first leaf.</summary>
    SegmentHeaderCorrupt,

    /// <summary>A record frame fails its CRC or its length is impossible.</summary>
    RecordCorrupt,

    /// <summary>A record frame is intact but its content is not a canonical record.</summary>
    RecordMalformed,

    /// <summary>Records are missing or out of order (the frame names another leaf than expected).</summary>
    RecordMissing,

    /// <summary>A stored tree hash differs from the tree recomputed from the records.</summary>
    HashMismatch,

    /// <summary>The checkpoint log or a checkpoint in it is damaged or malformed.</summary>
    CheckpointCorrupt,

    /// <summary>A checkpoint's signature does not verify with the known keys.</summary>
    CheckpointSignature,

    /// <summary>A checkpoint's root differs from the tree recomputed from the records.</summary>
    CheckpointRootMismatch,

    /// <summary>A checkpoint covers more records than the ledger holds: records were removed.</summary>
    CheckpointBeyondLog,
}
