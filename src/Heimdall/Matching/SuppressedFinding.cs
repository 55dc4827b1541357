using Heimdall.Policy;

namespace Heimdall.Matching;

/// <summary>A finding silenced by a suppression.</summary>
/// <param name="Finding">The finding.</param>
/// <param name="Suppression">The entry that silenced it.</param>
public sealed record SuppressedFinding(Finding Finding, Suppression Suppression);
