namespace Detektr.Diff;

/// <summary>A behaviour as one run showed it: how often, and with which outcomes.</summary>
/// <param name="Key">The behaviour.</param>
/// <param name="Count">How many times the run showed it.</param>
/// <param name="Outcomes">The distinct outcomes, in ordinal order (empty for behaviours without one,
/// such as an HTTP request).</param>
public sealed record ObservedBehaviour(BehaviourKey Key, int Count, IReadOnlyList<string> Outcomes);
