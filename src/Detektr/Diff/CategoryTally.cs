namespace Detektr.Diff;

/// <summary>Distinct behaviours of one category in each run and how they compare.</summary>
/// <param name="Category">The category.</param>
/// <param name="InA">Distinct behaviours run A showed.</param>
/// <param name="InB">Distinct behaviours run B showed.</param>
/// <param name="Same">Shown by both with the same outcomes.</param>
/// <param name="OnlyInA">Shown by A alone.</param>
/// <param name="OnlyInB">Shown by B alone.</param>
/// <param name="OutcomeChanged">Shown by both with different outcomes.</param>
public sealed record CategoryTally(BehaviourCategory Category, int InA, int InB, int Same, int OnlyInA, int OnlyInB, int OutcomeChanged);
