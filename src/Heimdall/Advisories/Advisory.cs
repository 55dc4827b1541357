namespace Heimdall.Advisories;

/// <summary>An OSV advisory reduced to what matching and reports need.</summary>
public sealed record Advisory
{
    /// <summary>The OSV id (<c>GHSA-...</c>, <c>MAL-...</c>, ...).</summary>
    public required string Id { get; init; }

    /// <summary>Other ids of the same issue (CVE, GHSA).</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>A one-line summary.</summary>
    public string? Summary { get; init; }

    /// <summary>The longer description, shortened on import.</summary>
    public string? Details { get; init; }

    /// <summary>When the record was last changed.</summary>
    public DateTimeOffset? Modified { get; init; }

    /// <summary>When it was first published.</summary>
    public DateTimeOffset? Published { get; init; }

    /// <summary>The rating derived from the record's CVSS vectors and database severity.</summary>
    public required SeverityRating Severity { get; init; }

    /// <summary>The affected packages of the ecosystems Heimdall reads.</summary>
    public required IReadOnlyList<AffectedPackage> Affected { get; init; }

    /// <summary>Reference URLs (advisory pages, fixes).</summary>
    public IReadOnlyList<string> References { get; init; } = [];

    /// <summary>OSV <c>MAL-</c> records describe malicious packages, not vulnerabilities.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsMalicious => Id.StartsWith("MAL-", StringComparison.Ordinal);
}
