namespace Detektr.Diff;

/// <summary>One behaviour that differs between two runs.</summary>
/// <param name="Key">The behaviour.</param>
/// <param name="Kind">Only in A, only in B, or a changed outcome.</param>
/// <param name="InA">How run A showed it, or null when it did not.</param>
/// <param name="InB">How run B showed it, or null when it did not.</param>
public sealed record BehaviourDifference(BehaviourKey Key, DifferenceKind Kind, ObservedBehaviour? InA, ObservedBehaviour? InB);
