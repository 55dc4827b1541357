using System.Globalization;
using Detektr.Query;
using Spectre.Console;

namespace Detektr.Cli.Query;

/// <summary>Prints each result set as a Spectre table. A table is built in memory, so at most
/// <c>maxRows</c> rows are shown and the rest counted; CSV and JSON stream every row.</summary>
internal sealed class TableResultWriter(IAnsiConsole console, TextWriter notes, int maxRows) : IQueryResultWriter
{
    private IReadOnlyList<QueryColumn> _columns = [];
    private Table? _table;
    private long _rows;

    public void BeginResultSet(IReadOnlyList<QueryColumn> columns)
    {
        _columns = columns;
        _rows = 0;
        _table = new Table();
        foreach (var column in columns)
        {
            _table.AddColumn(new TableColumn(Markup.Escape(column.Name)));
        }
    }

    public void WriteRow(IReadOnlyList<object?> values)
    {
        _rows++;
        if (maxRows > 0 && _rows > maxRows)
        {
            return;
        }

        var cells = new List<Markup>(values.Count);
        for (var i = 0; i < values.Count; i++)
        {
            cells.Add(values[i] is null ? new Markup("[dim]NULL[/]") : new Markup(Markup.Escape(QueryValueFormatter.ToText(values[i], _columns[i]))));
        }

        _table!.AddRow(cells);
    }

    public void EndResultSet()
    {
        var rows = _rows.ToString(CultureInfo.InvariantCulture);
        var cut = maxRows > 0 && _rows > maxRows;
        var caption = cut
            ? $"{rows} rows, the first {maxRows.ToString(CultureInfo.InvariantCulture)} shown"
            : _rows == 1 ? "1 row" : $"{rows} rows";
        var table = _table ?? throw new InvalidOperationException("a result set ended that never began");
        console.Write(table);
        // Below the table rather than as its caption, which would wrap to the width of a narrow table.
        console.WriteLine(caption);
        _table = null;
        if (cut)
        {
            notes.WriteLine("detektr: --max-rows 0 shows every row; --format csv, json or jsonl stream them");
        }
    }
}
