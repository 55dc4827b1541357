namespace Detektr.Validation;

/// <summary>One or more validation specs are malformed; nothing was run.</summary>
public sealed class ValidationSpecException : Exception
{
    /// <summary>Creates the exception for <paramref name="problems"/> (at least one).</summary>
    public ValidationSpecException(IReadOnlyList<SpecProblem> problems)
        : base(Describe(problems)) => Problems = problems;

    /// <summary>Creates the exception for one problem.</summary>
    public ValidationSpecException(SpecProblem problem)
        : this([problem])
    {
    }

    /// <summary>Creates the exception with a message and no located problem.</summary>
    public ValidationSpecException()
        : this(new SpecProblem(SpecLocation.InFile("<spec>"), "malformed validation spec"))
    {
    }

    /// <summary>Creates the exception with a message and no located problem.</summary>
    public ValidationSpecException(string message)
        : this(new SpecProblem(SpecLocation.InFile("<spec>"), message))
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    public ValidationSpecException(string message, Exception innerException)
        : base(message, innerException) =>
        Problems = [new SpecProblem(SpecLocation.InFile("<spec>"), message)];

    /// <summary>Every problem found, in file order.</summary>
    public IReadOnlyList<SpecProblem> Problems { get; }

    private static string Describe(IReadOnlyList<SpecProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return problems.Count switch
        {
            0 => "malformed validation spec",
            1 => problems[0].ToString(),
            _ => $"{problems[0]} (and {problems.Count - 1} more problem(s))",
        };
    }
}
