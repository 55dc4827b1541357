using Detektr.Detonation;

namespace Detektr.Validation;

/// <summary>A run as the judge sees it: its summary, what it recorded (null when it could not happen) and
/// what the rules found in it.</summary>
internal sealed record JudgedRun(VariantRun Summary, RunResult? Result, DetectionEvaluation? Detections);
