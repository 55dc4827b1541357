namespace Heimdall.Advisories;

/// <summary>An OSV <c>affected[].ranges[]</c> entry.</summary>
/// <param name="Type">How its versions are ordered.</param>
/// <param name="Events">The events in the order the advisory lists them (the evaluator sorts).</param>
public sealed record AffectedRange(RangeType Type, IReadOnlyList<RangeEvent> Events);
