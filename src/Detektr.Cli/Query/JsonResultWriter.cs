using System.Text.Encodings.Web;
using System.Text.Json;
using Detektr.Query;

namespace Detektr.Cli.Query;

/// <summary>JSON rows, streamed: a row is an object of column name to value. In <see cref="QueryOutputFormat.Json"/>
/// each result set is one array (several statements give several arrays, one per line, which
/// <c>jq</c> reads as a stream); in <see cref="QueryOutputFormat.JsonLines"/> each row is a line.
/// JSON columns (<c>Event</c>, <c>Manifest</c>, <c>Headers</c>) are JSON text, so they are strings here.</summary>
internal sealed class JsonResultWriter : IQueryResultWriter, IDisposable
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = false };

    private readonly Stream _output;
    private readonly bool _lines;
    private readonly Utf8JsonWriter _writer;
    private IReadOnlyList<QueryColumn> _columns = [];
    private JsonEncodedText[] _names = [];

    public JsonResultWriter(Stream output, bool lines)
    {
        _output = output;
        _lines = lines;
        _writer = new Utf8JsonWriter(output, Options);
    }

    public void BeginResultSet(IReadOnlyList<QueryColumn> columns)
    {
        _columns = columns;
        _names = columns.Select(c => JsonEncodedText.Encode(c.Name, JavaScriptEncoder.UnsafeRelaxedJsonEscaping)).ToArray();
        if (!_lines)
        {
            _writer.WriteStartArray();
        }
    }

    public void WriteRow(IReadOnlyList<object?> values)
    {
        _writer.WriteStartObject();
        for (var i = 0; i < values.Count; i++)
        {
            _writer.WritePropertyName(_names[i]);
            QueryValueFormatter.WriteJson(_writer, values[i], _columns[i]);
        }

        _writer.WriteEndObject();
        if (_lines)
        {
            EndLine();
        }
    }

    public void EndResultSet()
    {
        if (!_lines)
        {
            _writer.WriteEndArray();
            EndLine();
        }

        _output.Flush();
    }

    public void Dispose() => _writer.Dispose();

    private void EndLine()
    {
        _writer.Flush();
        _output.WriteByte((byte)'\n');
        _writer.Reset();
    }
}
