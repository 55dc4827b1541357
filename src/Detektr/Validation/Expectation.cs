namespace Detektr.Validation;

/// <summary>One assertion of a validation spec about a run, judged pass or fail with evidence. Each is one
/// test case in the JUnit report.</summary>
public abstract record Expectation
{
    /// <summary>Where the expectation is written.</summary>
    public required SpecLocation Location { get; init; }

    /// <summary>A stable id of the kind of expectation (the SARIF rule id).</summary>
    public abstract string KindId { get; }

    /// <summary>A short name for reports (<c>fires 'Cron Job Written'</c>).</summary>
    public abstract string Describe();

    /// <summary>The description.</summary>
    public override string ToString() => Describe();
}
