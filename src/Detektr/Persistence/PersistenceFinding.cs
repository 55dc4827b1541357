namespace Detektr.Persistence;

/// <summary>A change that makes something run again later, with its MITRE ATT&amp;CK technique.</summary>
public sealed record PersistenceFinding
{
    /// <summary>Technique id (<c>T1053.003</c>).</summary>
    public required string Technique { get; init; }

    /// <summary>Technique name (<c>Scheduled Task/Job: Cron</c>).</summary>
    public required string Name { get; init; }

    /// <summary>The changed path inside the sandbox.</summary>
    public required string Path { get; init; }

    /// <summary><c>created</c>, <c>modified</c> or <c>metadata</c>.</summary>
    public required string Change { get; init; }

    /// <summary>SHA-256 of the file as the run left it.</summary>
    public string? Sha256 { get; init; }

    /// <summary>What exactly was found, when there is more to say (the new account names).</summary>
    public string? Detail { get; init; }

    /// <summary>Sequence numbers of the file events that touched the path.</summary>
    public IReadOnlyList<long> EventSequences { get; init; } = [];
}
