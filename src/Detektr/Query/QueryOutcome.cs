namespace Detektr.Query;

/// <summary>How a query went: the rows it returned, or DuckDB's error.</summary>
/// <param name="ResultSets">Result sets written (one per statement that returns rows).</param>
/// <param name="Rows">Rows written, over every result set.</param>
/// <param name="Error">DuckDB's message when a statement failed (rows written before the failure
/// are counted), otherwise null.</param>
public sealed record QueryOutcome(int ResultSets, long Rows, string? Error)
{
    /// <summary>True when every statement ran.</summary>
    public bool Succeeded => Error is null;
}
