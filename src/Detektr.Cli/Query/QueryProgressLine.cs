using System.Globalization;
using Detektr.Query;

namespace Detektr.Cli.Query;

/// <summary>Shows how far a long query is on one line of the terminal's stderr, and removes the line
/// for good as soon as the results start, so that it never mixes with them.</summary>
internal sealed class QueryProgressLine(TextWriter terminal) : IProgress<double>
{
    private readonly Lock _gate = new();
    private bool _shown;
    private bool _finished;
    private string? _last;

    public void Report(double value)
    {
        lock (_gate)
        {
            if (_finished)
            {
                return;
            }

            var text = string.Create(CultureInfo.InvariantCulture, $"\rquerying... {value,5:0.0}%");
            if (text == _last)
            {
                return;
            }

            terminal.Write(text);
            terminal.Flush();
            _last = text;
            _shown = true;
        }
    }

    /// <summary>Clears the line; later reports are ignored.</summary>
    public void Finish()
    {
        lock (_gate)
        {
            if (_shown && !_finished)
            {
                terminal.Write("\r\u001b[2K");
                terminal.Flush();
            }

            _finished = true;
        }
    }

    /// <summary>A writer that ends the progress line before the first output of <paramref name="inner"/>.</summary>
    public IQueryResultWriter Before(IQueryResultWriter inner) => new Finishing(this, inner);

    private sealed class Finishing(QueryProgressLine line, IQueryResultWriter inner) : IQueryResultWriter
    {
        public void BeginResultSet(IReadOnlyList<QueryColumn> columns) => inner.BeginResultSet(columns);

        public void WriteRow(IReadOnlyList<object?> values)
        {
            line.Finish();
            inner.WriteRow(values);
        }

        public void EndResultSet()
        {
            line.Finish();
            inner.EndResultSet();
        }
    }
}
