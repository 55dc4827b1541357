using Tracehound.Ledger;

namespace Tracehound.Cli.Verification;

/// <summary>What every check gets: the data directory and, when the auditor gave <c>--key</c>, the only keys to trust.</summary>
/// <param name="DataDirectory">The full path of the data directory.</param>
/// <param name="TrustedKeys">The keys from <c>--key</c> files, or null for the directory's own published keys.</param>
internal sealed record DataDirectoryCheckContext(string DataDirectory, IReadOnlyList<NoteVerifierKey>? TrustedKeys);
