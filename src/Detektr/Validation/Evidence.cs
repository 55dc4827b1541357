namespace Detektr.Validation;

/// <summary>What a verdict rests on: events of one run (by sequence number) and what they show.</summary>
/// <param name="Run">Which run: <c>spec</c> for the spec's own run, else the mitigation variant's name.</param>
/// <param name="Sequences">Sequence numbers of the events in that run (empty when the evidence is the
/// absence of events, or a manifest finding without events).</param>
/// <param name="Detail">What the events show (<c>/etc/cron.d/job create by /bin/sh (EROFS)</c>, a matched
/// rule with its level).</param>
public sealed record Evidence(string Run, IReadOnlyList<long> Sequences, string Detail)
{
    /// <summary>The label of the spec's own run in evidence.</summary>
    public const string SpecRun = "spec";

    /// <summary><c>[run] seq 4,7: detail</c>.</summary>
    public override string ToString() =>
        Sequences.Count == 0 ? $"[{Run}] {Detail}" : $"[{Run}] seq {string.Join(',', Sequences)}: {Detail}";
}
