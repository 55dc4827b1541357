namespace Tracehound.AspNetCore;

/// <summary>
/// What goes into the evidence of a flagged request besides its method, path, query and body: an
/// allow-list of headers, of which the secret ones are stored only as an HMAC-SHA256, never in clear.
/// </summary>
public sealed class CaptureOptions
{
    /// <summary>The headers captured when <see cref="Headers"/> is not set.</summary>
    public static IReadOnlyList<string> DefaultHeaders { get; } = ["Content-Type", "User-Agent", "Referer", "Origin", "Authorization", "Cookie"];

    /// <summary>Headers that are always hashed when captured, whatever <see cref="SecretHeaders"/> says.</summary>
    public static IReadOnlyList<string> AlwaysSecretHeaders { get; } = ["Authorization", "Cookie", "Proxy-Authorization"];

    /// <summary>The shortest accepted <see cref="HashKey"/>, in bytes.</summary>
    public const int MinHashKeyBytes = 32;

    /// <summary>The most headers that can be captured.</summary>
    public const int MaxHeaders = 64;

    /// <summary>The headers to capture (case-insensitive); null means <see cref="DefaultHeaders"/>, empty means none.</summary>
    public IList<string>? Headers { get; set; }

    /// <summary>More headers to hash rather than store, e.g. <c>X-Api-Key</c>.</summary>
    public IList<string>? SecretHeaders { get; set; }

    /// <summary>
    /// The HMAC-SHA256 key for secret headers, base64 (at least 32 bytes). Null: a random key per process,
    /// so the same token gives the same hash until the process restarts. Set it to keep signatures stable
    /// across restarts and instances.
    /// </summary>
    public string? HashKey { get; set; }

    /// <summary>
    /// Whether the body of every request that has one is copied (up to the payload limit) as the endpoint
    /// reads it, so that a flag raised after the endpoint ran (<c>HttpContext.Flag</c>) has the body as
    /// evidence. Default true; when false a late flag captures only what the endpoint left unread.
    /// </summary>
    public bool BodyForLateFlags { get; set; } = true;

    internal IReadOnlyList<string> EffectiveHeaders => Headers is { } headers ? [.. headers] : DefaultHeaders;
}
