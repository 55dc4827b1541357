using DuckDB.NET.Data;

namespace Detektr.Query;

/// <summary>An embedded, in-memory DuckDB database whose views (<c>runs</c>, <c>events</c>,
/// <c>processes</c>, <c>files</c>, <c>network</c>, <c>detections</c>, <c>persistence</c>,
/// <c>blocked_syscalls</c>) read the files of every run of a store in place: nothing is copied or
/// loaded up front, and each query reads only the kinds of files its views need. The runs are those
/// of the store when the session opened. See <c>docs/detektr-query.md</c> for the columns.</summary>
/// <example><code>
/// if (RunStore.TryOpen("runs", out var store, out var problem))
/// {
///     using var session = RunQuerySession.Open(store!);
///     var table = new QueryTable();
///     var outcome = session.Execute("SELECT RunId, Path FROM files WHERE Path LIKE '/etc/%'", table);
/// }
/// </code></example>
public sealed class RunQuerySession : IDisposable
{
    /// <summary>Quick queries show no progress at all.</summary>
    private static readonly TimeSpan ProgressDelay = TimeSpan.FromMilliseconds(500);

    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

    private readonly DuckDBConnection _connection;
    private bool _progressEnabled;

    private RunQuerySession(RunStore store, DuckDBConnection connection)
    {
        Store = store;
        _connection = connection;
    }

    /// <summary>The store the views read.</summary>
    public RunStore Store { get; }

    /// <summary>The names of the views, in documentation order.</summary>
    public static IReadOnlyList<string> ViewNames => RunViews.Names;

    /// <summary>Opens an in-memory database with the views over <paramref name="store"/>.</summary>
    public static RunQuerySession Open(RunStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var connection = new DuckDBConnection("Data Source=:memory:");
        try
        {
            connection.Open();
            foreach (var statement in RunViews.Statements(store))
            {
                using var command = connection.CreateCommand();
                command.CommandText = statement;
                command.ExecuteNonQuery();
            }

            return new RunQuerySession(store, connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Runs one or more SQL statements and streams every result set with rows to
    /// <paramref name="writer"/>. A failing statement (bad SQL, a malformed run file) ends the query
    /// with DuckDB's message in the outcome; what was written before stays written, and a result set
    /// that had begun is ended so the writer can close its output. Cancelling interrupts DuckDB.</summary>
    public QueryOutcome Execute(string sql, IQueryResultWriter writer, CancellationToken cancellation = default) =>
        Execute(sql, writer, progress: null, cancellation);

    /// <summary>Runs the SQL as <see cref="Execute(string, IQueryResultWriter, CancellationToken)"/> does,
    /// and reports DuckDB's estimate of how far the running statement is (0 to 100) a few times a
    /// second while it runs.</summary>
    public QueryOutcome Execute(string sql, IQueryResultWriter writer, IProgress<double>? progress, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(sql);
        ArgumentNullException.ThrowIfNull(writer);
        if (string.IsNullOrWhiteSpace(sql))
        {
            return new QueryOutcome(0, 0, "the query is empty");
        }

        using var progressTimer = progress is null ? null : StartProgress(progress);
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.UseStreamingMode = true;
        using var registration = cancellation.Register(command.Cancel);
        var sets = 0;
        long rows = 0;
        var inSet = false;
        try
        {
            using var reader = command.ExecuteReader();
            do
            {
                if (reader.FieldCount == 0)
                {
                    continue;
                }

                var columns = new QueryColumn[reader.FieldCount];
                for (var i = 0; i < columns.Length; i++)
                {
                    columns[i] = new QueryColumn(reader.GetName(i), reader.GetDataTypeName(i));
                }

                writer.BeginResultSet(columns);
                inSet = true;
                var values = new object?[columns.Length];
                while (reader.Read())
                {
                    for (var i = 0; i < values.Length; i++)
                    {
                        values[i] = reader.IsDBNull(i) ? null : Normalize(reader.GetValue(i));
                    }

                    writer.WriteRow(values);
                    rows++;
                }

                writer.EndResultSet();
                inSet = false;
                sets++;
            }
            while (reader.NextResult());
        }
        catch (DuckDBException ex)
        {
            if (inSet)
            {
                writer.EndResultSet();
                sets++;
            }

            var message = cancellation.IsCancellationRequested ? "the query was cancelled" : ex.Message.Trim();
            return new QueryOutcome(sets, rows, message);
        }

        return new QueryOutcome(sets, rows, null);
    }

    /// <inheritdoc />
    public void Dispose() => _connection.Dispose();

    private ProgressPoller StartProgress(IProgress<double> progress)
    {
        if (!_progressEnabled)
        {
            // DuckDB tracks progress only with its progress bar on; its own printing stays off.
            using var command = _connection.CreateCommand();
            command.CommandText = "SET enable_progress_bar = true; SET enable_progress_bar_print = false";
            command.ExecuteNonQuery();
            _progressEnabled = true;
        }

        return new ProgressPoller(_connection, progress);
    }

    /// <summary>Asks DuckDB how far the running statement is, from a timer; disposing waits for a
    /// callback in flight, so none touches the connection after the query.</summary>
    private sealed class ProgressPoller : IDisposable
    {
        private readonly Timer _timer;

        public ProgressPoller(DuckDBConnection connection, IProgress<double> progress)
        {
            _timer = new Timer(_ =>
            {
                var percentage = connection.GetQueryProgress().Percentage;
                if (percentage >= 0)
                {
                    progress.Report(percentage);
                }
            }, null, ProgressDelay, ProgressInterval);
        }

        public void Dispose()
        {
            using var stopped = new ManualResetEvent(false);
            if (_timer.Dispose(stopped))
            {
                stopped.WaitOne();
            }
        }
    }

    /// <summary>Blobs arrive as streams over DuckDB's memory, valid only until the next row: copy them.</summary>
    private static object? Normalize(object? value) => value switch
    {
        DBNull => null,
        Stream stream => ReadAll(stream),
        _ => value,
    };

    private static byte[] ReadAll(Stream stream)
    {
        using (stream)
        {
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }
    }
}
