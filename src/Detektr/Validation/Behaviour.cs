using Detektr.Detonation;

namespace Detektr.Validation;

/// <summary>Something an artifact may do that a validation spec asserts on: a process started, a file
/// changed, a connection, a DNS question, an HTTP request, a persistence technique. A behaviour finds
/// what a run recorded that matches it, with the events as evidence.</summary>
public abstract record Behaviour
{
    /// <summary>Which outcomes make the behaviour count as having occurred (by default, carried out).</summary>
    public OutcomeFilter Outcome { get; init; } = OutcomeFilter.Success;

    /// <summary>The spec keyword of the behaviour (<c>process</c>, <c>file</c>, ...).</summary>
    public abstract string Kind { get; }

    /// <summary>Why this behaviour cannot be shown attempted and prevented, or null when it can. A refused
    /// attempt has to leave an event for a mitigation to be shown to have stopped it.</summary>
    public virtual string? PreventionUnsupportedReason => null;

    /// <summary>A short description for reports (<c>file create /etc/cron.d/*</c>).</summary>
    public abstract string Describe();

    /// <summary>Everything <paramref name="run"/> recorded that matches, attempts that were refused included,
    /// in event order.</summary>
    public abstract IReadOnlyList<Observation> Observe(RunResult run);

    /// <summary>The description.</summary>
    public override string ToString() => Describe();
}
