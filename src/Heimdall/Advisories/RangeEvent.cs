namespace Heimdall.Advisories;

/// <summary>One OSV range event: a kind and the version it names.</summary>
/// <param name="Kind">The event type.</param>
/// <param name="Version">The version text as the advisory gives it.</param>
public sealed record RangeEvent(RangeEventKind Kind, string Version);
