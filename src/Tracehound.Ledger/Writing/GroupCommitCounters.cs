namespace Tracehound.Ledger;

/// <summary>A snapshot of a group-commit writer's counters.</summary>
/// <param name="Enqueued">Records accepted by <c>TryEnqueue</c>.</param>
/// <param name="Committed">Records made durable.</param>
/// <param name="Dropped">Records refused because the queue was full, the writer stopped or failed.</param>
/// <param name="Backlog">Records accepted but not yet durable.</param>
/// <param name="Batches">Commits (fsyncs) done.</param>
/// <param name="Failures">I/O failures; after one the writer stops writing and drops.</param>
/// <param name="HandlerFailures">Exceptions thrown by event handlers (caught and counted).</param>
public readonly record struct GroupCommitCounters(long Enqueued, long Committed, long Dropped, long Backlog, long Batches, long Failures, long HandlerFailures);
