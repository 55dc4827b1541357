using System.IO;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Tracehound.AspNetCore;

/// <summary>
/// Everything Tracehound keeps for one request, pooled so a clean request allocates nothing: the
/// feature the application flags through, the body capture and the detection context.
/// </summary>
internal sealed class RequestState : ITracehoundFeature, IDisposable
{
    private Stream? _originalBody;
    private ThreatSignal? _lateSignal;
    private CancellationTokenSource _budget = new();

    public RequestState()
    {
        Detection = new ThreatDetectionContext();
    }

    public HttpContext? HttpContext { get; private set; }

    public BodyCapture Body { get; } = new();

    public ThreatDetectionContext Detection { get; }

    public InterceptResult Result { get; set; }

    public ThreatSignal? Signal { get; set; }

    public ThreatSignal? LateSignal => Volatile.Read(ref _lateSignal);

    /// <summary>Whether the request can carry a body at all (GET without Content-Length cannot).</summary>
    public bool HasBody { get; private set; }

    public int BodyLimit { get; private set; }

    /// <summary>
    /// True once a detection outlived its budget: the detector may still hold this state's context and body,
    /// so the state must never serve another request (it is dropped instead of pooled).
    /// </summary>
    public bool Abandoned { get; private set; }

    /// <summary>Marks the state as still referenced by an abandoned detection.</summary>
    public void Abandon() => Abandoned = true;

    public void Flag(ThreatSignal signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        // Lock-free: the endpoint and its filters may flag concurrently; the most severe signal wins.
        var current = Volatile.Read(ref _lateSignal);
        while (current is null || signal.Severity > current.Severity)
        {
            var seen = Interlocked.CompareExchange(ref _lateSignal, signal, current);
            if (ReferenceEquals(seen, current))
            {
                return;
            }

            current = seen;
        }
    }

    /// <summary>Attaches to a request: installs the feature and, for a request with a body, the capture.</summary>
    public void Begin(HttpContext context, int bodyLimit, bool copyBody)
    {
        HttpContext = context;
        BodyLimit = bodyLimit;
        Detection.Attach(this);
        context.Features.Set<ITracehoundFeature>(this);
        HasBody = CanHaveBody(context);
        if (HasBody)
        {
            _originalBody = context.Request.Body;
            Body.Begin(_originalBody, bodyLimit, copyBody);
            context.Request.Body = Body;
        }
    }

    /// <summary>Detaches from the request and clears everything it held, ready for the pool.</summary>
    public void End()
    {
        if (HttpContext is { } context)
        {
            if (_originalBody is not null)
            {
                if (ReferenceEquals(context.Request.Body, Body))
                {
                    context.Request.Body = _originalBody;
                }

                _originalBody = null;
            }

            context.Features.Set<ITracehoundFeature>(null);
        }

        // An abandoned detection may still be writing into the capture buffer: it must not go back to the pool.
        Body.Reset(returnBuffer: !Abandoned);
        Detection.Attach(null);
        HttpContext = null;
        Result = default;
        Signal = null;
        HasBody = false;
        Volatile.Write(ref _lateSignal, null);
    }

    public async ValueTask<ReadOnlyMemory<byte>> ReadBodyAsync(CancellationToken cancellationToken)
    {
        if (!HasBody)
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        await Body.PrefetchAsync(cancellationToken).ConfigureAwait(false);
        return Body.Captured;
    }

    public void Dispose() => _budget.Dispose();

    /// <summary>Starts an asynchronous detector's time budget on the pooled token source.</summary>
    public CancellationToken StartBudget(TimeSpan budget)
    {
        _budget.CancelAfter(budget);
        return _budget.Token;
    }

    /// <summary>Ends the budget; a source that fired cannot be reset and is replaced.</summary>
    public void EndBudget()
    {
        if (!_budget.TryReset())
        {
            _budget.Dispose();
            _budget = new CancellationTokenSource();
        }
    }

    private static bool CanHaveBody(HttpContext context)
    {
        if (context.Features.Get<IHttpRequestBodyDetectionFeature>() is { } detection)
        {
            return detection.CanHaveBody;
        }

        var request = context.Request;
        return request.ContentLength is > 0 || request.Headers.ContainsKey("Transfer-Encoding");
    }
}
