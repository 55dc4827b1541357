namespace Heimdall.Packages;

/// <summary>An entry a reader saw but could not turn into a package occurrence, with the reason.</summary>
/// <param name="Entry">The entry's key or text, shortened to a readable length.</param>
/// <param name="Reason">Why it was not understood.</param>
/// <param name="Line">The 1-based line, when known.</param>
public sealed record UnparsedEntry(string Entry, string Reason, int? Line = null);
