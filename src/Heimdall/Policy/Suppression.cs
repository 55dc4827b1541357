namespace Heimdall.Policy;

/// <summary>One accepted risk: a finding id silenced for a reason, by an owner, until a date.</summary>
/// <param name="Id">An advisory id, an alias (CVE), a heuristic rule id or a finding fingerprint.</param>
/// <param name="Package">When set, only findings on this package name are silenced.</param>
/// <param name="Reason">Why the risk is accepted.</param>
/// <param name="Owner">Who accepted it.</param>
/// <param name="Expires">The last day it holds (UTC); from the day after, the build fails.</param>
/// <param name="Line">The line in the suppression file.</param>
public sealed record Suppression(string Id, string? Package, string Reason, string Owner, DateOnly Expires, int Line)
{
    /// <summary>True when the suppression no longer holds at <paramref name="now"/>.</summary>
    public bool IsExpired(DateTimeOffset now) => DateOnly.FromDateTime(now.UtcDateTime) > Expires;
}
