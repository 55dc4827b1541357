namespace Detektr.Diff;

/// <summary>One of the two runs of a diff.</summary>
/// <param name="RunId">The run id.</param>
/// <param name="Directory">The run directory.</param>
/// <param name="Command">The command line run in the sandbox.</param>
/// <param name="ArtifactSha256">The artifact's SHA-256, for an artifact run.</param>
/// <param name="NetworkMode"><c>none</c> or <c>sinkhole</c>.</param>
/// <param name="Ended">How the run ended (<c>exited 3</c>, <c>timeout</c>).</param>
public sealed record RunDiffSide(string RunId, string Directory, string Command, string? ArtifactSha256, string NetworkMode, string Ended);
