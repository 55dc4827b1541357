namespace Detektr.Query;

/// <summary>A column of a query result.</summary>
/// <param name="Name">The column name as the query gave it.</param>
/// <param name="TypeName">DuckDB's type of the column (<c>Varchar</c>, <c>BigInt</c>, <c>Timestamp</c>,
/// <c>List</c>, <c>Struct</c>...).</param>
public readonly record struct QueryColumn(string Name, string TypeName);
