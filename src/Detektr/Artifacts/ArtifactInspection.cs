namespace Detektr.Artifacts;

/// <summary>The result of inspecting an artifact: either the artifact or the problem with it.</summary>
public readonly record struct ArtifactInspection
{
    private ArtifactInspection(ArtifactInfo? artifact, ArtifactProblem? problem)
    {
        Artifact = artifact;
        Problem = problem;
    }

    /// <summary>The artifact, when it can be detonated.</summary>
    public ArtifactInfo? Artifact { get; }

    /// <summary>The problem, when it cannot.</summary>
    public ArtifactProblem? Problem { get; }

    /// <summary>True when <see cref="Artifact"/> is set.</summary>
    public bool IsValid => Artifact is not null;

    /// <summary>A successful inspection.</summary>
    public static ArtifactInspection Valid(ArtifactInfo artifact) => new(artifact, null);

    /// <summary>A failed inspection.</summary>
    public static ArtifactInspection Invalid(ArtifactProblemKind kind, string message) =>
        new(null, new ArtifactProblem(kind, message));
}
