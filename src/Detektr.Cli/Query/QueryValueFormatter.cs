using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using Detektr.Query;

namespace Detektr.Cli.Query;

/// <summary>Writes DuckDB values as text (tables, CSV) and as JSON. Timestamps are ISO 8601; a
/// <c>TIMESTAMPTZ</c> (and nothing else) is marked <c>Z</c>, since DuckDB hands both kinds over as
/// UTC and only that type says so.</summary>
internal static class QueryValueFormatter
{
    private const string TimestampWithZone = "TimestampTz";

    public static string ToText(object? value, QueryColumn column)
    {
        var builder = new StringBuilder();
        AppendText(builder, value, IsZoned(column), nested: false);
        return builder.ToString();
    }

    public static void WriteJson(Utf8JsonWriter writer, object? value, QueryColumn column) =>
        WriteJson(writer, value, IsZoned(column));

    private static bool IsZoned(QueryColumn column) => string.Equals(column.TypeName, TimestampWithZone, StringComparison.OrdinalIgnoreCase);

    private static void AppendText(StringBuilder builder, object? value, bool zoned, bool nested)
    {
        switch (value)
        {
            case null:
                builder.Append(nested ? "NULL" : "");
                break;
            case string text:
                builder.Append(text);
                break;
            case bool flag:
                builder.Append(flag ? "true" : "false");
                break;
            case DateTime time:
                builder.Append(Timestamp(time, zoned));
                break;
            case DateOnly date:
                builder.Append(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                break;
            case TimeOnly clock:
                builder.Append(clock.ToString("HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture));
                break;
            case TimeSpan span:
                builder.Append(span.ToString("c", CultureInfo.InvariantCulture));
                break;
            case byte[] bytes:
                builder.Append("\\x").Append(Convert.ToHexString(bytes));
                break;
            case double number:
                builder.Append(number.ToString("R", CultureInfo.InvariantCulture));
                break;
            case float number:
                builder.Append(number.ToString("R", CultureInfo.InvariantCulture));
                break;
            case IDictionary map:
                builder.Append('{');
                var firstEntry = true;
                foreach (DictionaryEntry entry in map)
                {
                    builder.Append(firstEntry ? "" : ", ");
                    firstEntry = false;
                    AppendText(builder, entry.Key, zoned, nested: true);
                    builder.Append(": ");
                    AppendText(builder, entry.Value, zoned, nested: true);
                }

                builder.Append('}');
                break;
            case IList list:
                builder.Append('[');
                for (var i = 0; i < list.Count; i++)
                {
                    builder.Append(i == 0 ? "" : ", ");
                    AppendText(builder, list[i], zoned, nested: true);
                }

                builder.Append(']');
                break;
            case IFormattable formattable:
                builder.Append(formattable.ToString(null, CultureInfo.InvariantCulture));
                break;
            default:
                builder.Append(value);
                break;
        }
    }

    private static void WriteJson(Utf8JsonWriter writer, object? value, bool zoned)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case sbyte or byte or short or ushort or int or uint or long:
                writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case ulong unsigned:
                writer.WriteNumberValue(unsigned);
                break;
            case BigInteger big:
                writer.WriteRawValue(big.ToString(CultureInfo.InvariantCulture));
                break;
            case decimal number:
                writer.WriteNumberValue(number);
                break;
            case double number when double.IsFinite(number):
                writer.WriteNumberValue(number);
                break;
            case float number when float.IsFinite(number):
                writer.WriteNumberValue(number);
                break;
            case double or float:
                // JSON has no NaN or infinity.
                writer.WriteStringValue(((IFormattable)value).ToString(null, CultureInfo.InvariantCulture));
                break;
            case DateTime time:
                writer.WriteStringValue(Timestamp(time, zoned).Replace(' ', 'T'));
                break;
            case byte[] bytes:
                writer.WriteBase64StringValue(bytes);
                break;
            case IDictionary map:
                writer.WriteStartObject();
                foreach (DictionaryEntry entry in map)
                {
                    var key = new StringBuilder();
                    AppendText(key, entry.Key, zoned, nested: false);
                    writer.WritePropertyName(key.ToString());
                    WriteJson(writer, entry.Value, zoned);
                }

                writer.WriteEndObject();
                break;
            case IList list:
                writer.WriteStartArray();
                foreach (var item in list)
                {
                    WriteJson(writer, item, zoned);
                }

                writer.WriteEndArray();
                break;
            default:
                var textValue = new StringBuilder();
                AppendText(textValue, value, zoned, nested: false);
                writer.WriteStringValue(textValue.ToString());
                break;
        }
    }

    private static string Timestamp(DateTime time, bool zoned) =>
        time.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture) + (zoned ? "Z" : "");
}
