namespace Detektr.Validation;

/// <summary>What a rule set found in one run.</summary>
/// <param name="Detections">Every matched event, by sequence and then rule.</param>
/// <param name="Problems">What went wrong while evaluating (unreadable events, rules in error on some
/// event); a rule in error on an event neither fired nor stayed silent there.</param>
public sealed record DetectionEvaluation(IReadOnlyList<DetectionRecord> Detections, IReadOnlyList<string> Problems);
