using Detektr.Artifacts;

namespace Detektr.Detonation;

/// <summary>The request cannot be detonated as given: a missing, unreadable or unrecognised artifact,
/// an empty command, a limit out of range. Nothing was run.</summary>
public sealed class InvalidDetonationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public InvalidDetonationException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public InvalidDetonationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public InvalidDetonationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for an artifact problem.</summary>
    public InvalidDetonationException(ArtifactProblem problem)
        : base(problem?.Message)
    {
        Problem = problem;
    }

    /// <summary>The artifact problem, when the artifact was the trouble.</summary>
    public ArtifactProblem? Problem { get; }
}
