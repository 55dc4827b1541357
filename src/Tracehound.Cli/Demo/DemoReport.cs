using Tracehound.AspNetCore.Admin;

namespace Tracehound.Cli.Demo;

/// <summary>What one demo run did and found.</summary>
/// <param name="DataDirectory">Where evidence and ledger were written.</param>
/// <param name="BaseAddress">Where the sample API listened.</param>
/// <param name="Results">Every request sent, in order.</param>
/// <param name="Stats">The application's counters after the replay.</param>
/// <param name="LedgerSize">Ledger leaves after shutdown.</param>
/// <param name="Checkpoint">The latest signed checkpoint (C2SP note text) after shutdown.</param>
/// <param name="CheckpointSize">The tree size it covers.</param>
/// <param name="CheckpointRoot">Its root hash.</param>
/// <param name="LedgerIntact">What <c>verify</c> said of the ledger.</param>
/// <param name="EvidenceIntact">What <c>verify</c> said of the evidence store.</param>
/// <param name="EvidenceRows">Evidence rows verified.</param>
/// <param name="VerifyFailure">The first verification failure, if any.</param>
internal sealed record DemoReport(
    string DataDirectory,
    Uri BaseAddress,
    IReadOnlyList<DemoResult> Results,
    StatsDocument Stats,
    ulong LedgerSize,
    string? Checkpoint,
    ulong CheckpointSize,
    string? CheckpointRoot,
    bool LedgerIntact,
    bool EvidenceIntact,
    long EvidenceRows,
    string? VerifyFailure)
{
    public IEnumerable<DemoResult> Mismatches => Results.Where(r => !r.Matched);

    /// <summary>Every outcome as the corpus expects, a checkpoint covering the ledger, and both verifications intact.</summary>
    public bool Passed => Results.All(r => r.Matched) && LedgerIntact && EvidenceIntact && Checkpoint is not null && CheckpointSize == LedgerSize;
}

/// <summary>One request and what became of it.</summary>
/// <param name="Index">Its position in the replay.</param>
/// <param name="Group">The corpus group.</param>
/// <param name="Method">The method.</param>
/// <param name="Path">Path and query.</param>
/// <param name="From">The address it came from.</param>
/// <param name="Expected">The outcome the corpus expects.</param>
/// <param name="Actual">The outcome observed.</param>
/// <param name="Status">The HTTP status.</param>
/// <param name="Signature">The evidence signature, for blocked threats.</param>
internal sealed record DemoResult(int Index, string Group, string Method, string Path, string From, DemoOutcome Expected, DemoOutcome Actual, int Status, string? Signature)
{
    public bool Matched => Expected == Actual;
}
