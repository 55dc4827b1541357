namespace Detektr.Diff;

/// <summary>How a behaviour differs between run A and run B.</summary>
public enum DifferenceKind
{
    /// <summary>Run A showed it, run B did not.</summary>
    OnlyInA,

    /// <summary>Run B showed it, run A did not.</summary>
    OnlyInB,

    /// <summary>Both showed it with different outcomes (a connect that succeeded in A and failed with EPERM in B).</summary>
    OutcomeChanged,
}
