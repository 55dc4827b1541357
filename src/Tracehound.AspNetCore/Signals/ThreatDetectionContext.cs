using Microsoft.AspNetCore.Http;

namespace Tracehound.AspNetCore;

/// <summary>What an <see cref="IAsyncThreatDetector"/> is given: the request, and its body on demand.</summary>
public sealed class ThreatDetectionContext
{
    private RequestState? _state;

    internal ThreatDetectionContext()
    {
    }

    /// <summary>The request being examined.</summary>
    public HttpContext HttpContext => _state?.HttpContext ?? throw new InvalidOperationException("The detection context is used outside its request.");

    /// <summary>
    /// Reads the body up to the payload limit (<c>Tracehound:Payload:MaxBytes</c>) and returns it; the
    /// endpoint still reads the whole body afterwards. Do not keep the memory past the call to the detector.
    /// </summary>
    public ValueTask<ReadOnlyMemory<byte>> ReadBodyAsync(CancellationToken cancellationToken = default) =>
        _state is { } state ? state.ReadBodyAsync(cancellationToken) : ValueTask.FromResult(ReadOnlyMemory<byte>.Empty);

    /// <summary>True once <see cref="ReadBodyAsync"/> found the body longer than the payload limit.</summary>
    public bool BodyExceedsLimit => _state?.Body.Overflowed ?? false;

    internal void Attach(RequestState? state) => _state = state;
}
