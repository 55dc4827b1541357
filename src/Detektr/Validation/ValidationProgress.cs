namespace Detektr.Validation;

/// <summary>A run of a validation finished.</summary>
/// <param name="Spec">Its spec.</param>
/// <param name="Run">The run.</param>
/// <param name="Completed">Runs finished so far, this one included.</param>
/// <param name="Total">Runs in the whole validation.</param>
public sealed record ValidationProgress(ValidationSpec Spec, VariantRun Run, int Completed, int Total);
