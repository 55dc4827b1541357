namespace Detektr.Validation;

/// <summary>One event a detection rule matched: a line of a run directory's <c>detections.jsonl</c>.</summary>
public sealed record DetectionRecord
{
    /// <summary>The run.</summary>
    public required string RunId { get; init; }

    /// <summary>The rule's id, when it has one.</summary>
    public string? RuleId { get; init; }

    /// <summary>The rule's title.</summary>
    public required string Title { get; init; }

    /// <summary>The rule's level (<c>informational</c>, <c>low</c>, <c>medium</c>, <c>high</c>, <c>critical</c>), when set.</summary>
    public string? Level { get; init; }

    /// <summary>The rule's tags (<c>attack.t1053.003</c>).</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>The sequence number of the matched event.</summary>
    public required long Sequence { get; init; }
}
