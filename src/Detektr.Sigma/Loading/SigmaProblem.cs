namespace Detektr.Sigma.Loading;

/// <summary>One problem found in a rule, with where it is.</summary>
/// <param name="Kind">What kind of problem it is.</param>
/// <param name="Message">What is wrong, in words a rule author acts on.</param>
/// <param name="Position">Where in the file.</param>
public sealed record SigmaProblem(SigmaProblemKind Kind, string Message, SourcePosition Position)
{
    /// <summary>Writes <c>file:line:column: kind: message</c>.</summary>
    public override string ToString() => $"{Position}: {Kind}: {Message}";
}
