namespace Detektr.Sigma.Loading;

/// <summary>A rule (or a whole file) that was not loaded, with every problem found in it.</summary>
/// <param name="Source">The file and the line where the rule's document starts.</param>
/// <param name="Id">The rule id if it could be read; otherwise null.</param>
/// <param name="Title">The rule title if it could be read; otherwise null.</param>
/// <param name="Problems">What is wrong, most serious first; never empty.</param>
public sealed record SkippedRule(SourcePosition Source, string? Id, string? Title, IReadOnlyList<SigmaProblem> Problems)
{
    /// <summary>The most serious kind of problem, which is why the rule was skipped.</summary>
    public SigmaProblemKind Kind => Problems[0].Kind;

    /// <summary>The most serious problem's message.</summary>
    public string Reason => Problems[0].Message;

    /// <summary>Writes <c>position: kind: reason</c>.</summary>
    public override string ToString() => Problems[0].ToString();
}
