namespace Detektr.Validation;

/// <summary>Something wrong with a validation spec, where it was written.</summary>
/// <param name="Location">The file, line and column.</param>
/// <param name="Message">What is wrong, in a sentence a spec author can act on.</param>
public sealed record SpecProblem(SpecLocation Location, string Message)
{
    /// <summary><c>file:line:column: message</c>.</summary>
    public override string ToString() => $"{Location}: {Message}";
}
