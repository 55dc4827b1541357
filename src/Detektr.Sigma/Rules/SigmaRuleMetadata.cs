using Detektr.Sigma.Loading;

namespace Detektr.Sigma.Rules;

/// <summary>The descriptive part of a Sigma rule, as written.</summary>
public sealed record SigmaRuleMetadata
{
    /// <summary>The rule id (usually a UUID); null when the rule has none.</summary>
    public string? Id { get; init; }

    /// <summary>The title (mandatory in Sigma).</summary>
    public required string Title { get; init; }

    /// <summary>The unique name correlation rules refer to; null when not given.</summary>
    public string? Name { get; init; }

    /// <summary>The declared status; null when not given.</summary>
    public SigmaStatus? Status { get; init; }

    /// <summary>The level; null when not given.</summary>
    public SigmaLevel? Level { get; init; }

    /// <summary>The description; null when not given.</summary>
    public string? Description { get; init; }

    /// <summary>The author; null when not given.</summary>
    public string? Author { get; init; }

    /// <summary>The creation date as written (YYYY-MM-DD); null when not given.</summary>
    public string? Date { get; init; }

    /// <summary>The last modification date as written; null when not given.</summary>
    public string? Modified { get; init; }

    /// <summary>The license (SPDX id); null when not given.</summary>
    public string? License { get; init; }

    /// <summary>The references (URLs and the like).</summary>
    public IReadOnlyList<string> References { get; init; } = [];

    /// <summary>The tags, e.g. <c>attack.persistence</c>, <c>attack.t1053.003</c>.</summary>
    public IReadOnlyList<SigmaTag> Tags { get; init; } = [];

    /// <summary>The known false positives.</summary>
    public IReadOnlyList<string> FalsePositives { get; init; } = [];

    /// <summary>The fields the rule suggests showing to an analyst.</summary>
    public IReadOnlyList<string> Fields { get; init; } = [];

    /// <summary>The log source as written.</summary>
    public required SigmaLogsource Logsource { get; init; }

    /// <summary>Where the rule was read from (its document's first line).</summary>
    public required SourcePosition Source { get; init; }

    /// <summary>The MITRE ATT&amp;CK technique ids among the tags (<c>T1053.003</c>).</summary>
    public IEnumerable<string> AttackTechniques => Tags.Select(t => t.AttackTechniqueId).OfType<string>();
}
