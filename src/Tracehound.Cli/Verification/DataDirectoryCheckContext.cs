using Tracehound.Ledger;

namespace Tracehound.Cli.Verification;

/// <summary>
/// What every check gets: the data directory, the only keys to trust when the auditor gave <c>--key</c>,
/// and the checkpoints given with <c>--witness</c>.
/// </summary>
/// <param name="DataDirectory">The full path of the data directory.</param>
/// <param name="TrustedKeys">The keys from <c>--key</c> files, or null for the directory's own published keys.</param>
/// <param name="Witnessed">Checkpoints kept outside the directory, which the ledger must still hold.</param>
internal sealed record DataDirectoryCheckContext(string DataDirectory, IReadOnlyList<NoteVerifierKey>? TrustedKeys, IReadOnlyList<WitnessedCheckpoint> Witnessed);
