namespace Detektr.Validation;

/// <summary>How an expectation was judged.</summary>
public enum Verdict
{
    /// <summary>It holds.</summary>
    Passed,

    /// <summary>It does not hold.</summary>
    Failed,

    /// <summary>It could not be judged: the run it needs did not happen.</summary>
    Error,
}
