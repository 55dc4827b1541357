using System.Net;

namespace Tracehound.Cli.Demo;

/// <summary>What Tracehound did with a request, as seen from the client.</summary>
internal enum DemoOutcome
{
    /// <summary>Let through: the application answered (whatever its status).</summary>
    Clean,

    /// <summary>403, new evidence quarantined.</summary>
    Quarantined,

    /// <summary>403, a known threat again.</summary>
    Ignored,

    /// <summary>429 with Retry-After.</summary>
    RateLimited,

    /// <summary>413.</summary>
    PayloadTooLarge,
}

/// <summary>Names and classification of outcomes.</summary>
internal static class DemoOutcomes
{
    public static string Name(DemoOutcome outcome) => outcome switch
    {
        DemoOutcome.Clean => "clean",
        DemoOutcome.Quarantined => "quarantined",
        DemoOutcome.Ignored => "ignored",
        DemoOutcome.RateLimited => "rate_limited",
        _ => "payload_too_large",
    };

    public static DemoOutcome Parse(string text) =>
        TryParse(text, out var outcome) ? outcome : throw new FormatException($"unknown outcome '{text}'");

    public static bool TryParse(string text, out DemoOutcome outcome)
    {
        foreach (var candidate in Enum.GetValues<DemoOutcome>())
        {
            if (Name(candidate) == text)
            {
                outcome = candidate;
                return true;
            }
        }

        outcome = default;
        return false;
    }

    /// <summary>
    /// Tracehound's answers are problem details whose type is <c>urn:tracehound:problem:*</c>; anything
    /// else (the endpoint's own 200, 401 or 404) means the request was let through.
    /// </summary>
    public static DemoOutcome Classify(HttpStatusCode status, string? problemType) => problemType switch
    {
        "urn:tracehound:problem:quarantined" => DemoOutcome.Quarantined,
        "urn:tracehound:problem:known-threat" => DemoOutcome.Ignored,
        "urn:tracehound:problem:rate-limited" when status == HttpStatusCode.TooManyRequests => DemoOutcome.RateLimited,
        "urn:tracehound:problem:payload-too-large" => DemoOutcome.PayloadTooLarge,
        _ => DemoOutcome.Clean,
    };
}
