namespace Detektr.Query;

/// <summary>A query result held in memory, result set by result set: for results known to be small,
/// and for tests.</summary>
public sealed class QueryTable : IQueryResultWriter
{
    private readonly List<QueryResultSet> _sets = [];
    private List<IReadOnlyList<object?>>? _rows;
    private IReadOnlyList<QueryColumn>? _columns;

    /// <summary>The result sets received so far.</summary>
    public IReadOnlyList<QueryResultSet> ResultSets => _sets;

    /// <summary>The last result set (the one of the last statement that returned rows).</summary>
    public QueryResultSet Last => _sets.Count > 0 ? _sets[^1] : throw new InvalidOperationException("the query returned no result set");

    /// <inheritdoc />
    public void BeginResultSet(IReadOnlyList<QueryColumn> columns)
    {
        _columns = columns;
        _rows = [];
    }

    /// <inheritdoc />
    public void WriteRow(IReadOnlyList<object?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        (_rows ?? throw new InvalidOperationException("a row outside a result set")).Add(values.ToArray());
    }

    /// <inheritdoc />
    public void EndResultSet()
    {
        _sets.Add(new QueryResultSet(_columns ?? [], _rows ?? []));
        _rows = null;
        _columns = null;
    }
}
