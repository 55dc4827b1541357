namespace Detektr.Query;

/// <summary>Receives the results of a query as DuckDB produces them, one result set per statement that
/// returns rows, so a large result is streamed rather than held.</summary>
/// <remarks>Values are null for SQL NULL, otherwise what DuckDB.NET reads: <see cref="string"/>
/// (also for JSON), <see cref="bool"/>, the integer types, <see cref="System.Numerics.BigInteger"/>,
/// <see cref="double"/>, <see cref="float"/>, <see cref="decimal"/>, <see cref="DateTime"/>
/// (timestamps, in UTC for every time column of the views), <see cref="DateOnly"/>,
/// <see cref="TimeOnly"/>, <see cref="TimeSpan"/>, <see cref="Guid"/>, <see cref="byte"/> arrays
/// (blobs), lists as <see cref="System.Collections.IList"/> and structs and maps as
/// <see cref="System.Collections.IDictionary"/>.</remarks>
public interface IQueryResultWriter
{
    /// <summary>A result set starts.</summary>
    void BeginResultSet(IReadOnlyList<QueryColumn> columns);

    /// <summary>One row, a value per column. The list is reused for the next row.</summary>
    void WriteRow(IReadOnlyList<object?> values);

    /// <summary>The result set is complete.</summary>
    void EndResultSet();
}
