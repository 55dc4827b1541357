namespace Tracehound.AspNetCore;

/// <summary>
/// The admin endpoints under <see cref="PathPrefix"/>: off by default, reachable only from
/// <see cref="AllowedNetworks"/> (loopback by default) and only with the bearer <see cref="Token"/>.
/// Revealing a payload needs the separate <see cref="RevealToken"/> and is audited.
/// </summary>
public sealed class AdminOptions
{
    /// <summary>The shortest accepted token, in characters.</summary>
    public const int MinTokenLength = 16;

    /// <summary>The networks allowed when <see cref="AllowedNetworks"/> is not set: IPv4 and IPv6 loopback.</summary>
    public static IReadOnlyList<string> LoopbackNetworks { get; } = ["127.0.0.0/8", "::1/128"];

    /// <summary>Whether the endpoints are served; default false.</summary>
    public bool Enabled { get; set; }

    /// <summary>Where they are served; default <c>/tracehound</c>.</summary>
    public string PathPrefix { get; set; } = "/tracehound";

    /// <summary>The bearer token for reading status, stats, evidence metadata and checkpoints (required when enabled).</summary>
    public string? Token { get; set; }

    /// <summary>The bearer token that may also reveal payloads; null disables reveal.</summary>
    public string? RevealToken { get; set; }

    /// <summary>Addresses and networks allowed to call; null means <see cref="LoopbackNetworks"/>.</summary>
    public IList<string>? AllowedNetworks { get; set; }

    internal IReadOnlyList<string> EffectiveNetworks => AllowedNetworks is { } networks ? [.. networks] : LoopbackNetworks;
}
