using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Tracehound.AspNetCore;

/// <summary>Reads the upstream WAF's signal headers and decides whether to believe them.</summary>
internal sealed class UpstreamSignalReader(TracehoundSettings settings)
{
    /// <summary>The longest rule id accepted from upstream.</summary>
    public const int MaxRuleIdLength = 128;

    private readonly UpstreamSignalOptions _options = settings.Upstream;

    /// <summary>One header lookup on every request: a signal always names its category.</summary>
    public bool IsPresent(IHeaderDictionary headers) => headers.ContainsKey(_options.CategoryHeader);

    public UpstreamSignalOutcome Read(HttpContext context, out ThreatSignal? signal)
    {
        signal = null;
        var headers = context.Request.Headers;
        if (!settings.TrustedProxies.Contains(ClientAddress.PeerOf(context)))
        {
            return UpstreamSignalOutcome.UntrustedSource;
        }

        var category = Single(headers, _options.CategoryHeader);
        var severity = Single(headers, _options.SeverityHeader);
        var ruleId = Single(headers, _options.RuleIdHeader);
        var confidence = Single(headers, _options.ConfidenceHeader);
        if (settings.UpstreamMacKey is { } key)
        {
            if (category is null || severity is null
                || !UpstreamSignalMac.Verify(key, Single(headers, _options.MacHeader), context.Request.Method, TraceIds.RawTarget(context), category, severity, ruleId, confidence))
            {
                return UpstreamSignalOutcome.InvalidMac;
            }
        }

        if (!ThreatCategory.TryParse(category?.Trim().ToLowerInvariant(), out var parsedCategory)
            || !TryParseSeverity(severity, out var parsedSeverity)
            || (ruleId is not null && (ruleId.Length == 0 || ruleId.Length > MaxRuleIdLength)))
        {
            return UpstreamSignalOutcome.Malformed;
        }

        double? parsedConfidence = null;
        if (confidence is not null)
        {
            if (!double.TryParse(confidence, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !(value is >= 0 and <= 1))
            {
                return UpstreamSignalOutcome.Malformed;
            }

            parsedConfidence = value;
        }

        signal = new ThreatSignal(parsedCategory, parsedSeverity, _options.Detector, parsedConfidence, ruleId);
        return UpstreamSignalOutcome.Accepted;
    }

    internal static bool TryParseSeverity(string? text, out Severity severity)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "low": severity = Severity.Low; return true;
            case "medium": severity = Severity.Medium; return true;
            case "high": severity = Severity.High; return true;
            case "critical": severity = Severity.Critical; return true;
            default: severity = default; return false;
        }
    }

    /// <summary>The header's value when it was sent exactly once; a repeated signal header is not believed.</summary>
    private static string? Single(IHeaderDictionary headers, string name) =>
        headers.TryGetValue(name, out var values) && values.Count == 1 ? values[0] : null;
}
