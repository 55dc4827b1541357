namespace Tracehound;

/// <summary>
/// What an external detector (a WAF, the application's own checks, a model) said about a request.
/// Tracehound never produces this itself: a scent without a signal is clean by definition.
/// </summary>
/// <param name="Category">The kind of threat.</param>
/// <param name="Severity">How severe the detector judged it.</param>
/// <param name="Detector">The name of the detector that raised the signal.</param>
/// <param name="Confidence">The detector's confidence between 0 and 1, when it gives one.</param>
/// <param name="RuleId">The detector's rule identifier, when it gives one.</param>
public sealed record ThreatSignal(
    ThreatCategory Category,
    Severity Severity,
    string Detector,
    double? Confidence = null,
    string? RuleId = null);
