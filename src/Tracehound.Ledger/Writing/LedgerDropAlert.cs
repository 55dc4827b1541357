namespace Tracehound.Ledger;

/// <summary>Raised (at most once per <see cref="GroupCommitOptions.DropAlertInterval"/>) when records were dropped.</summary>
/// <param name="DroppedSinceLastAlert">Records dropped since the previous alert.</param>
/// <param name="DroppedTotal">Records dropped since the writer started.</param>
/// <param name="Backlog">Records waiting when the alert was raised.</param>
/// <param name="Faulted">True when drops come from an I/O failure rather than a full queue.</param>
public sealed record LedgerDropAlert(long DroppedSinceLastAlert, long DroppedTotal, long Backlog, bool Faulted);
