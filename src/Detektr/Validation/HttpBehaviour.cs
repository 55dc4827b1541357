using Detektr.Detonation;
using Detektr.Events;

namespace Detektr.Validation;

/// <summary>An HTTP request the sinkhole received (<c>http_request</c>, network mode sinkhole), by method,
/// host and path patterns.</summary>
public sealed record HttpBehaviour : Behaviour
{
    /// <summary>The method (<c>GET</c>); null for any.</summary>
    public string? Method { get; init; }

    /// <summary>Pattern for the Host header.</summary>
    public WildcardPattern? Host { get; init; }

    /// <summary>Pattern for the request target (path and query).</summary>
    public WildcardPattern? Path { get; init; }

    /// <inheritdoc />
    public override string Kind => "http";

    /// <inheritdoc />
    public override string? PreventionUnsupportedReason =>
        "an HTTP request cannot be shown prevented: a request that never left leaves no http_request event; assert on the connection instead";

    /// <inheritdoc />
    public override string Describe() => $"http {Method ?? "*"} {Host?.Text ?? "*"}{Path?.Text ?? "/*"}";

    /// <inheritdoc />
    public override IReadOnlyList<Observation> Observe(RunResult run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run.Events.OfType<HttpRequestEvent>()
            .Where(e => (Method is null || string.Equals(e.Method, Method, StringComparison.OrdinalIgnoreCase)) &&
                        (Host?.IsMatch(e.Host) ?? true) &&
                        (Path?.IsMatch(e.Path) ?? true))
            .Select(e => new Observation([e.Sequence.Value], $"{e.Method} {e.Host}{e.Path}", Observation.Success))
            .ToList();
    }
}
