using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Tracehound.AspNetCore.Admin;

namespace Tracehound.AspNetCore;

/// <summary>
/// The request path. Before the endpoint: upstream signal headers, then the registered detectors; with no
/// signal the request costs one rate-limit check (<see cref="Agent.InterceptClean"/>) and allocates nothing;
/// with a signal its scent is built and intercepted. Quarantined, Ignored, RateLimited and PayloadTooLarge
/// are answered by the <see cref="ITracehoundResponseWriter"/>; Clean and Error go on to the endpoint
/// (Error is the fail-open case, logged and counted). After the endpoint, a flag raised through
/// <c>HttpContext.Flag</c> quarantines the request's evidence.
/// </summary>
internal sealed class TracehoundMiddleware
{
    private const string OriginUpstream = "upstream";
    private const string OriginDetector = "detector";
    private const string OriginApp = "app";

    private readonly RequestDelegate _next;
    private readonly Agent _agent;
    private readonly TracehoundSettings _settings;
    private readonly ScentBuilder _scents;
    private readonly UpstreamSignalReader _upstream;
    private readonly IThreatDetector[] _detectors;
    private readonly IAsyncThreatDetector[] _asyncDetectors;
    private readonly ITracehoundResponseWriter _writer;
    private readonly TracehoundMetrics _metrics;
    private readonly TracehoundCounters _counters;
    private readonly AdminEndpoints? _admin;
    private readonly ILogger _logger;
    private readonly RequestStatePool _pool;
    private readonly TimeSpan _asyncBudget;

    public TracehoundMiddleware(
        RequestDelegate next,
        Agent agent,
        TracehoundSettings settings,
        ScentBuilder scents,
        UpstreamSignalReader upstream,
        IEnumerable<IThreatDetector> detectors,
        IEnumerable<IAsyncThreatDetector> asyncDetectors,
        ITracehoundResponseWriter writer,
        TracehoundMetrics metrics,
        TracehoundCounters counters,
        AdminEndpoints admin,
        ILogger<TracehoundMiddleware> logger)
    {
        _next = next;
        _agent = agent;
        _settings = settings;
        _scents = scents;
        _upstream = upstream;
        _detectors = [.. detectors];
        _asyncDetectors = [.. asyncDetectors];
        _writer = writer;
        _metrics = metrics;
        _counters = counters;
        _admin = settings.AdminEnabled ? admin : null;
        _logger = logger;
        _asyncBudget = settings.Detectors.AsyncBudget;
        _pool = new RequestStatePool(Math.Max(64, Environment.ProcessorCount * 64));
    }

    public Task InvokeAsync(HttpContext context)
    {
        if (_admin is not null && context.Request.Path.StartsWithSegments(_admin.Prefix, out var remaining))
        {
            return _admin.HandleAsync(context, remaining);
        }

        var start = _metrics.DurationEnabled ? Stopwatch.GetTimestamp() : 0;
        ThreatSignal? signal = null;
        string? origin = null;
        if (_upstream.IsPresent(context.Request.Headers))
        {
            signal = ReadUpstream(context);
            origin = signal is null ? null : OriginUpstream;
        }

        if (_detectors.Length > 0)
        {
            RunDetectors(context, ref signal, ref origin);
        }

        if (signal is not null || _asyncDetectors.Length > 0)
        {
            return InvokeWithSignalsAsync(context, signal, origin, start);
        }

        // The clean path: no scent, no allocation; the rate limiter still sees the request.
        var source = ClientAddress.SourceOf(context);
        var result = _agent.InterceptClean(source);
        _metrics.RecordDuration(start, result.Status);
        if (result.Status == InterceptStatus.RateLimited)
        {
            return BlockAsync(context, result, null, late: false, source);
        }

        if (result.Status == InterceptStatus.Error)
        {
            FailOpen(context, result);
        }

        var state = Rent(context);
        state.Result = result;
        Task next;
        try
        {
            next = _next(context);
        }
        catch
        {
            Return(state);
            throw;
        }

        if (next.IsCompletedSuccessfully && state.LateSignal is null)
        {
            Return(state);
            return Task.CompletedTask;
        }

        return AfterEndpointAsync(next, context, state, source);
    }

    private async Task AfterEndpointAsync(Task next, HttpContext context, RequestState state, string source)
    {
        try
        {
            await next.ConfigureAwait(false);
            if (state.LateSignal is not null)
            {
                await HandleLateFlagAsync(context, state, source).ConfigureAwait(false);
            }
        }
        finally
        {
            Return(state);
        }
    }

    private async Task InvokeWithSignalsAsync(HttpContext context, ThreatSignal? signal, string? origin, long start)
    {
        var state = Rent(context);
        try
        {
            if (_asyncDetectors.Length > 0 && signal?.Severity != Severity.Critical)
            {
                (signal, origin) = await RunAsyncDetectorsAsync(context, state, signal, origin).ConfigureAwait(false);
            }

            var source = ClientAddress.SourceOf(context);
            InterceptResult result;
            if (signal is null)
            {
                result = _agent.InterceptClean(source);
            }
            else
            {
                _metrics.Signal(origin ?? OriginDetector);
                if (state.HasBody)
                {
                    await state.Body.PrefetchAsync(context.RequestAborted).ConfigureAwait(false);
                }

                result = _agent.Intercept(_scents.Build(context, state, source, signal));
            }

            state.Result = result;
            state.Signal = signal;
            _metrics.RecordDuration(start, result.Status);
            if (IsBlocking(result.Status))
            {
                await BlockAsync(context, result, signal, late: false, source).ConfigureAwait(false);
                return;
            }

            if (result.Status == InterceptStatus.Error)
            {
                FailOpen(context, result);
            }

            await _next(context).ConfigureAwait(false);
            if (state.LateSignal is not null)
            {
                await HandleLateFlagAsync(context, state, source).ConfigureAwait(false);
            }
        }
        finally
        {
            Return(state);
        }
    }

    private async Task HandleLateFlagAsync(HttpContext context, RequestState state, string source)
    {
        var start = _metrics.DurationEnabled ? Stopwatch.GetTimestamp() : 0;
        var signal = state.LateSignal!;
        _metrics.Signal(OriginApp);
        if (state.HasBody && !state.Body.Overflowed)
        {
            try
            {
                // What the endpoint left unread is read now, up to the limit; Kestrel would drain it anyway.
                await state.Body.PrefetchAsync(context.RequestAborted).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // A body that can no longer be read leaves the evidence with what was captured: fail-open, never a 500.
            catch (Exception) when (!context.RequestAborted.IsCancellationRequested)
#pragma warning restore CA1031
            {
            }
        }

        var result = _agent.InterceptAdmitted(_scents.Build(context, state, source, signal));
        _metrics.RecordDuration(start, result.Status);
        var started = context.Response.HasStarted;
        _counters.LateFlag(started);
        _metrics.LateFlag(started);
        if (result.Status == InterceptStatus.Error)
        {
            FailOpen(context, result);
            return;
        }

        if (!IsBlocking(result.Status))
        {
            return;
        }

        if (!started)
        {
            context.Response.Clear();
            await BlockAsync(context, result, signal, late: true, source).ConfigureAwait(false);
            return;
        }

        var abort = _settings.Responses.LateFlagAfterResponseStarted == LateFlagBehavior.Abort;
        Log.LateFlagAfterResponseStarted(_logger, TraceIds.Of(context), signal.Detector, TracehoundMetrics.StatusName(result.Status), abort ? "aborted" : "completed");
        if (abort)
        {
            context.Abort();
        }
    }

    private async Task BlockAsync(HttpContext context, InterceptResult result, ThreatSignal? signal, bool late, string source)
    {
        var traceId = TraceIds.Of(context);
        switch (result.Status)
        {
            case InterceptStatus.RateLimited:
                Log.RateLimited(_logger, traceId, source, result.RetryAfter.TotalSeconds);
                break;
            case InterceptStatus.PayloadTooLarge:
                Log.PayloadTooLarge(_logger, traceId, source, result.Limit, signal?.Detector ?? "-");
                break;
            default:
                Log.Blocked(_logger, traceId, source, TracehoundMetrics.StatusName(result.Status), result.Signature.ToString(), signal?.Detector ?? "-", signal is null ? "-" : TracehoundMetrics.SeverityName(signal.Severity));
                break;
        }

        try
        {
            await _writer.WriteAsync(context, new BlockedRequest(result, signal, traceId, late)).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A failing response writer must not turn a block into a 500: answer with the bare status.
        catch (Exception ex) when (!context.RequestAborted.IsCancellationRequested)
#pragma warning restore CA1031
        {
            Log.FailedOpen(_logger, traceId, "response_writer_failed", ex.GetType().Name);
            if (!context.Response.HasStarted)
            {
                context.Response.Clear();
                context.Response.StatusCode = result.Status switch
                {
                    InterceptStatus.RateLimited => _settings.Responses.RateLimitedStatusCode,
                    InterceptStatus.PayloadTooLarge => _settings.Responses.PayloadTooLargeStatusCode,
                    InterceptStatus.Ignored => _settings.Responses.IgnoredStatusCode,
                    _ => _settings.Responses.QuarantinedStatusCode,
                };
            }
        }
    }

    private ThreatSignal? ReadUpstream(HttpContext context)
    {
        var outcome = _upstream.Read(context, out var signal);
        _counters.UpstreamSignal(outcome);
        if (outcome != UpstreamSignalOutcome.Accepted)
        {
            _metrics.UpstreamRejected(outcome);
            var reason = outcome switch
            {
                UpstreamSignalOutcome.UntrustedSource => "sent by a peer that is not a trusted proxy (spoof attempt)",
                UpstreamSignalOutcome.InvalidMac => "missing or invalid MAC (spoof attempt)",
                _ => "malformed signal headers",
            };
            Log.UpstreamSignalRejected(_logger, TraceIds.Of(context), reason, ClientAddress.PeerOf(context)?.ToString() ?? "unknown");
        }

        return signal;
    }

    private void RunDetectors(HttpContext context, ref ThreatSignal? signal, ref string? origin)
    {
        foreach (var detector in _detectors)
        {
            ThreatSignal? found;
            try
            {
                found = detector.Detect(context);
            }
#pragma warning disable CA1031 // A detector's fault is its own: the request goes on without its verdict (fail-open), counted.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                DetectorFaulted(context, detector.Name, ex);
                continue;
            }

            if (found is not null)
            {
                _counters.DetectorSignal();
                if (signal is null || found.Severity > signal.Severity)
                {
                    signal = found;
                    origin = OriginDetector;
                }
            }
        }
    }

    private async ValueTask<(ThreatSignal? Signal, string? Origin)> RunAsyncDetectorsAsync(HttpContext context, RequestState state, ThreatSignal? signal, string? origin)
    {
        foreach (var detector in _asyncDetectors)
        {
            if (signal?.Severity == Severity.Critical)
            {
                break;
            }

            var budget = state.StartBudget(_asyncBudget);
            ThreatSignal? found = null;
            Task<ThreatSignal?>? pending = null;
            try
            {
                var detection = detector.DetectAsync(state.Detection, budget);
                if (detection.IsCompletedSuccessfully)
                {
                    found = detection.Result;
                }
                else
                {
                    pending = detection.AsTask();
                    found = await pending.WaitAsync(_asyncBudget, context.RequestAborted).ConfigureAwait(false);
                }
            }
            catch (TimeoutException)
            {
                DetectorTimedOut(context, detector.Name, pending);
                continue;
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                throw;
            }
            catch (OperationCanceledException) when (budget.IsCancellationRequested)
            {
                DetectorTimedOut(context, detector.Name, null);
                continue;
            }
#pragma warning disable CA1031 // A detector's fault is its own: the request goes on without its verdict (fail-open), counted.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                DetectorFaulted(context, detector.Name, ex);
                continue;
            }
            finally
            {
                state.EndBudget();
                if (pending is { IsCompleted: false })
                {
                    // The detector still runs and still holds the detection context.
                    state.Abandon();
                }
            }

            if (found is not null)
            {
                _counters.DetectorSignal();
                if (signal is null || found.Severity > signal.Severity)
                {
                    signal = found;
                    origin = OriginDetector;
                }
            }
        }

        return (signal, origin);
    }

    private void DetectorTimedOut(HttpContext context, string name, Task? abandoned)
    {
        // The abandoned detection may still fault later; observe it so it never surfaces as unobserved.
        abandoned?.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        _counters.DetectorTimeout();
        _metrics.DetectorFailed(name, "timeout");
        Log.DetectorTimedOut(_logger, name, _asyncBudget.TotalMilliseconds, TraceIds.Of(context));
    }

    private void DetectorFaulted(HttpContext context, string name, Exception ex)
    {
        _counters.DetectorFault();
        _metrics.DetectorFailed(name, "fault");
        Log.DetectorFaulted(_logger, name, ex.GetType().Name, TraceIds.Of(context));
    }

    private void FailOpen(HttpContext context, InterceptResult result)
    {
        _counters.FailOpen();
        Log.FailedOpen(_logger, TraceIds.Of(context), result.Error?.Code ?? InterceptErrorCodes.InternalError, result.Error?.Message ?? "unknown");
    }

    private static bool IsBlocking(InterceptStatus status) =>
        status is InterceptStatus.Quarantined or InterceptStatus.Ignored or InterceptStatus.RateLimited or InterceptStatus.PayloadTooLarge;

    private RequestState Rent(HttpContext context)
    {
        var state = _pool.Rent();
        state.Begin(context, _settings.BodyLimit, _settings.CopyBodyForLateFlags);
        return state;
    }

    private void Return(RequestState state)
    {
        state.End();
        if (!state.Abandoned)
        {
            _pool.Return(state);
        }
    }
}
