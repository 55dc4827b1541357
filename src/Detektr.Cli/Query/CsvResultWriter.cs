using Detektr.Query;

namespace Detektr.Cli.Query;

/// <summary>RFC 4180 CSV: a header line, then a line per row; fields with a comma, quote or line break
/// are quoted. NULL is an empty field. Result sets after the first are preceded by an empty line.</summary>
internal sealed class CsvResultWriter(TextWriter output) : IQueryResultWriter
{
    private IReadOnlyList<QueryColumn> _columns = [];
    private int _sets;

    public void BeginResultSet(IReadOnlyList<QueryColumn> columns)
    {
        _columns = columns;
        if (_sets++ > 0)
        {
            output.Write("\r\n");
        }

        WriteLine(columns.Select(c => c.Name).ToList());
    }

    public void WriteRow(IReadOnlyList<object?> values)
    {
        var fields = new List<string>(values.Count);
        for (var i = 0; i < values.Count; i++)
        {
            fields.Add(values[i] is null ? "" : QueryValueFormatter.ToText(values[i], _columns[i]));
        }

        WriteLine(fields);
    }

    public void EndResultSet() => output.Flush();

    private void WriteLine(List<string> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                output.Write(',');
            }

            output.Write(Escape(fields[i]));
        }

        output.Write("\r\n");
    }

    internal static string Escape(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}
