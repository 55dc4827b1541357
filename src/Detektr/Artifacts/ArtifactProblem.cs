namespace Detektr.Artifacts;

/// <summary>A reason an artifact cannot be detonated, with a message fit to show a user.</summary>
/// <param name="Kind">The category of the problem.</param>
/// <param name="Message">What is wrong and, where possible, what to do about it.</param>
public sealed record ArtifactProblem(ArtifactProblemKind Kind, string Message);
