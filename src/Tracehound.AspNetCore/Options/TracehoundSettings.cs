using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Tracehound.AspNetCore;

/// <summary>The validated options, parsed once at start so the hot path never re-reads configuration.</summary>
internal sealed class TracehoundSettings
{
    public TracehoundSettings(IOptions<TracehoundOptions> validated)
    {
        var options = validated.Value;
        Options = options;
        var capture = options.Capture ?? new CaptureOptions();
        var secret = new HashSet<string>(CaptureOptions.AlwaysSecretHeaders, StringComparer.OrdinalIgnoreCase);
        foreach (var name in capture.SecretHeaders ?? [])
        {
            secret.Add(name);
        }

        var headers = new List<CapturedHeader>();
        foreach (var name in capture.EffectiveHeaders.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            headers.Add(new CapturedHeader(name, "header:" + name.ToLowerInvariant(), secret.Contains(name)));
        }

        Headers = [.. headers];
        HeaderHashKey = capture.HashKey is { } hashKey ? Convert.FromBase64String(hashKey) : RandomNumberGenerator.GetBytes(32);
        HeaderHashKeyConfigured = capture.HashKey is not null;
        CopyBodyForLateFlags = capture.BodyForLateFlags;
        BodyLimit = Math.Min(options.Payload.MaxBytes, Array.MaxLength - 1);

        var upstream = options.UpstreamSignal ?? new UpstreamSignalOptions();
        Upstream = upstream;
        TrustedProxies = NetworkList.TryParse(upstream.TrustedProxies ?? [], out var trusted, out _) ? trusted : NetworkList.Empty;
        UpstreamMacKey = upstream.HmacKey is { } macKey ? Convert.FromBase64String(macKey) : null;

        Detectors = options.Detectors ?? new DetectorOptions();
        Responses = options.Responses ?? new ResponseOptions();

        var admin = options.Admin ?? new AdminOptions();
        Admin = admin;
        AdminEnabled = admin.Enabled;
        AdminPrefix = admin.Enabled ? new PathString(admin.PathPrefix) : PathString.Empty;
        AdminNetworks = NetworkList.TryParse(admin.EffectiveNetworks, out var allowed, out _) ? allowed : NetworkList.Empty;
        AdminTokenHash = admin.Token is { } token ? HashToken(token) : null;
        RevealTokenHash = admin.RevealToken is { } reveal ? HashToken(reveal) : null;
    }

    public TracehoundOptions Options { get; }

    public CapturedHeader[] Headers { get; }

    public byte[] HeaderHashKey { get; }

    public bool HeaderHashKeyConfigured { get; }

    public bool CopyBodyForLateFlags { get; }

    public int BodyLimit { get; }

    public UpstreamSignalOptions Upstream { get; }

    public NetworkList TrustedProxies { get; }

    public byte[]? UpstreamMacKey { get; }

    public DetectorOptions Detectors { get; }

    public ResponseOptions Responses { get; }

    public AdminOptions Admin { get; }

    public bool AdminEnabled { get; }

    public PathString AdminPrefix { get; }

    public NetworkList AdminNetworks { get; }

    public byte[]? AdminTokenHash { get; }

    public byte[]? RevealTokenHash { get; }

    /// <summary>Tokens are compared as SHA-256 digests, so the comparison's time reveals neither content nor length.</summary>
    public static byte[] HashToken(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}

/// <summary>A header on the capture allow-list.</summary>
/// <param name="Name">The header name as configured.</param>
/// <param name="Key">Its key in the scent payload, <c>header:</c> and the lower-case name.</param>
/// <param name="Secret">Whether it is stored as an HMAC instead of in clear.</param>
internal sealed record CapturedHeader(string Name, string Key, bool Secret);
