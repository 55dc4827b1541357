namespace Tracehound.AspNetCore;

/// <summary>
/// A threat signal set as request headers by an upstream WAF or proxy. It is accepted only from
/// <see cref="TrustedProxies"/> and, when <see cref="HmacKey"/> is set, only with a valid MAC (see
/// <c>docs/aspnetcore.md</c> for the exact string that is MACed). Anyone else sending these headers is
/// ignored and counted as a spoof attempt.
/// </summary>
public sealed class UpstreamSignalOptions
{
    /// <summary>The shortest accepted <see cref="HmacKey"/>, in bytes.</summary>
    public const int MinHmacKeyBytes = 32;

    /// <summary>
    /// Addresses (<c>10.0.0.5</c>) and networks (<c>10.0.0.0/8</c>, <c>fd00::/8</c>) whose signal headers are
    /// believed. Checked against the connection's peer, not a forwarded client address. Empty: nobody.
    /// </summary>
    public IList<string> TrustedProxies { get; set; } = [];

    /// <summary>The header naming the threat category (required for a signal); default <c>X-Threat-Category</c>.</summary>
    public string CategoryHeader { get; set; } = "X-Threat-Category";

    /// <summary>The header with the severity: low, medium, high or critical; default <c>X-Threat-Severity</c>.</summary>
    public string SeverityHeader { get; set; } = "X-Threat-Severity";

    /// <summary>The header with the upstream rule id (optional); default <c>X-Threat-Rule-Id</c>.</summary>
    public string RuleIdHeader { get; set; } = "X-Threat-Rule-Id";

    /// <summary>The header with a confidence from 0 to 1 (optional); default <c>X-Threat-Confidence</c>.</summary>
    public string ConfidenceHeader { get; set; } = "X-Threat-Confidence";

    /// <summary>The header with the HMAC-SHA256 of the signal, lower-case hex; default <c>X-Threat-Mac</c>.</summary>
    public string MacHeader { get; set; } = "X-Threat-Mac";

    /// <summary>The detector name recorded in the evidence; default <c>upstream</c>.</summary>
    public string Detector { get; set; } = "upstream";

    /// <summary>The HMAC-SHA256 key, base64 (at least 32 bytes). When set, a signal without a valid MAC is rejected.</summary>
    public string? HmacKey { get; set; }
}
