namespace Tracehound.AspNetCore.Admin;

/// <summary>
/// Where admin actions are recorded. Without a data directory they are logged (event 31); with the
/// durable storage each one also becomes a ledger leaf. Attributes hold identifiers and hashes only.
/// </summary>
internal interface IAdminAudit
{
    /// <summary>True when actions are recorded in the tamper-evident ledger, not only logged.</summary>
    bool Durable { get; }

    /// <summary>Records one action; a failure to record is reported as false, never thrown.</summary>
    ValueTask<bool> RecordAsync(string actor, string action, string subject, IReadOnlyDictionary<string, string> attributes, CancellationToken cancellationToken);
}
