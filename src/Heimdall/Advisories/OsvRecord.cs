namespace Heimdall.Advisories;

/// <summary>The outcome of reading one OSV record.</summary>
/// <param name="Status">What became of it.</param>
/// <param name="Id">The id, when the record had one.</param>
/// <param name="Advisory">The advisory, when accepted.</param>
/// <param name="Error">Why it was rejected, when invalid.</param>
public sealed record OsvRecord(OsvRecordStatus Status, string? Id, Advisory? Advisory, string? Error);
