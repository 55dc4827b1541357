using Microsoft.Extensions.Logging;

namespace Tracehound.AspNetCore;

/// <summary>
/// Tracehound's log events, each with a stable id (documented in <c>docs/aspnetcore.md</c>). They carry
/// metadata only: signatures, codes, addresses, trace ids; never a payload, a body or a header value.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Tracehound started: quarantine {MaxItems} items / {MaxBytes} bytes, payload limit {PayloadLimit} bytes, admin endpoints {AdminState}, data directory {DataDirectory}.")]
    public static partial void Started(ILogger logger, int maxItems, long maxBytes, int payloadLimit, string adminState, string dataDirectory);

    [LoggerMessage(2, LogLevel.Information, "Tracehound stopped: {Quarantined} quarantined, {Ignored} ignored, {RateLimited} rate-limited, {Errors} errors since start.")]
    public static partial void Stopped(ILogger logger, long quarantined, long ignored, long rateLimited, long errors);

    [LoggerMessage(3, LogLevel.Information, "Tracehound storage opened at {DataDirectory}: ledger size {LedgerSize}, {Restored} pieces of evidence restored, {Corrupt} corrupt.")]
    public static partial void StorageOpened(ILogger logger, string dataDirectory, long ledgerSize, int restored, int corrupt);

    [LoggerMessage(50, LogLevel.Critical, "Tracehound storage at {DataDirectory} could not be opened ({Failure}); running in memory only.")]
    public static partial void StorageFailed(ILogger logger, string dataDirectory, string failure);

    [LoggerMessage(10, LogLevel.Warning, "Tracehound blocked request {TraceId} from {Source}: {Status} {Signature} (detector {Detector}, severity {Severity}).")]
    public static partial void Blocked(ILogger logger, string traceId, string source, string status, string signature, string detector, string severity);

    [LoggerMessage(11, LogLevel.Debug, "Tracehound rate-limited request {TraceId} from {Source}; retry after {RetryAfterSeconds} s.")]
    public static partial void RateLimited(ILogger logger, string traceId, string source, double retryAfterSeconds);

    [LoggerMessage(12, LogLevel.Warning, "Tracehound refused request {TraceId} from {Source}: its evidence exceeds the payload limit of {Limit} bytes (detector {Detector}).")]
    public static partial void PayloadTooLarge(ILogger logger, string traceId, string source, long limit, string detector);

    [LoggerMessage(13, LogLevel.Error, "Tracehound failed open on request {TraceId}: {Code}: {Message}. The request was let through.")]
    public static partial void FailedOpen(ILogger logger, string traceId, string code, string message);

    [LoggerMessage(20, LogLevel.Warning, "Ignored an upstream signal on request {TraceId}: {Reason} (peer {Peer}).")]
    public static partial void UpstreamSignalRejected(ILogger logger, string traceId, string reason, string peer);

    [LoggerMessage(21, LogLevel.Warning, "Detector {Detector} exceeded its budget of {BudgetMilliseconds} ms on request {TraceId}; the request went on without it.")]
    public static partial void DetectorTimedOut(ILogger logger, string detector, double budgetMilliseconds, string traceId);

    [LoggerMessage(22, LogLevel.Error, "Detector {Detector} threw {ExceptionType} on request {TraceId}; the request went on without it.")]
    public static partial void DetectorFaulted(ILogger logger, string detector, string exceptionType, string traceId);

    [LoggerMessage(23, LogLevel.Warning, "Request {TraceId} was flagged by {Detector} after its response had started; the evidence was quarantined ({Status}) and the response was {Action}.")]
    public static partial void LateFlagAfterResponseStarted(ILogger logger, string traceId, string detector, string status, string action);

    [LoggerMessage(30, LogLevel.Warning, "Admin request {Method} {Path} from {Peer} refused: {Reason}.")]
    public static partial void AdminDenied(ILogger logger, string method, string path, string peer, string reason);

    [LoggerMessage(31, LogLevel.Information, "Admin action {Action} on {Subject} by {Actor}.")]
    public static partial void AdminAction(ILogger logger, string action, string subject, string actor);

    [LoggerMessage(32, LogLevel.Warning, "Payload of {Signature} revealed to {Actor} from {Peer}.")]
    public static partial void PayloadRevealed(ILogger logger, string signature, string actor, string peer);

    [LoggerMessage(40, LogLevel.Warning, "Tracehound alert {Code} ({Severity}): {Message}")]
    public static partial void Alert(ILogger logger, string code, string severity, string message);

    [LoggerMessage(41, LogLevel.Warning, "Tracehound fail-safe level changed from {Previous} to {Current} ({Reason}).")]
    public static partial void FailSafeLevelChanged(ILogger logger, string previous, string current, string reason);

    [LoggerMessage(42, LogLevel.Debug, "Evidence {Signature} ({Severity}) evicted: {Reason}.")]
    public static partial void Evicted(ILogger logger, string signature, string severity, string reason);

    [LoggerMessage(43, LogLevel.Debug, "Evidence {Signature} ({Severity}) quarantined from {Source}.")]
    public static partial void Quarantined(ILogger logger, string signature, string severity, string source);
}
