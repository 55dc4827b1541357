namespace Detektr.Query;

/// <summary>The columns and rows of one statement's result.</summary>
/// <param name="Columns">The columns.</param>
/// <param name="Rows">The rows, a value per column.</param>
public sealed record QueryResultSet(IReadOnlyList<QueryColumn> Columns, IReadOnlyList<IReadOnlyList<object?>> Rows)
{
    /// <summary>The position of a column by name (case-insensitive, as SQL identifiers are), or -1.</summary>
    public int IndexOf(string column) =>
        Columns.Select((c, i) => (c, i)).FirstOrDefault(p => string.Equals(p.c.Name, column, StringComparison.OrdinalIgnoreCase), (default, -1)).Item2;

    /// <summary>The values of one column, row by row.</summary>
    public IEnumerable<object?> Column(string column)
    {
        var index = IndexOf(column);
        if (index < 0)
        {
            throw new ArgumentException($"no column {column} (have: {string.Join(", ", Columns.Select(c => c.Name))})", nameof(column));
        }

        return Rows.Select(r => r[index]);
    }
}
