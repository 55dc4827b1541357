namespace Tracehound.Ledger;

/// <summary>A signed checkpoint kept outside the data directory, and where it came from (named in failures).</summary>
/// <param name="Source">Where the checkpoint was kept, a file path for instance.</param>
/// <param name="Checkpoint">The checkpoint.</param>
public sealed record WitnessedCheckpoint(string Source, SignedCheckpoint Checkpoint);
