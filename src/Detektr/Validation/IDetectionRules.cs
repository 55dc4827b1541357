namespace Detektr.Validation;

/// <summary>A loaded set of detection rules that validation specs name and runs are evaluated against.</summary>
public interface IDetectionRules
{
    /// <summary>Where the rules were loaded from.</summary>
    string Source { get; }

    /// <summary>The rules that loaded.</summary>
    IReadOnlyList<DetectionRuleInfo> Rules { get; }

    /// <summary>The rules that did not load, with the reason.</summary>
    IReadOnlyList<SkippedDetectionRule> Skipped { get; }

    /// <summary>Evaluates every rule over the events of the run in <paramref name="runDirectory"/>. Safe to
    /// call from several threads at once.</summary>
    DetectionEvaluation Evaluate(string runDirectory);
}
