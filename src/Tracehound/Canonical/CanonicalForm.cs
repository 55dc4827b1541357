using System.Buffers;
using System.Collections;
using System.Text.Json;
using System.Text.Unicode;

namespace Tracehound;

/// <summary>
/// Puts payloads into the canonical byte form that signatures and evidence hashes are computed over.
/// The same logical payload always gives the same bytes, whatever its key order, number formatting or
/// string escaping. The form is defined in <c>docs/canonical-form.md</c>:
/// <list type="bullet">
/// <item><description>Bytes: the bytes themselves.</description></item>
/// <item><description>Text: the UTF-8 encoding of the string (an unpaired surrogate is invalid).</description></item>
/// <item><description>JSON, key/value pairs and structured graphs: RFC 8785 JSON Canonicalization Scheme
/// (members sorted by UTF-16 code units, minimal string escaping, ECMAScript number form), encoded as UTF-8.</description></item>
/// </list>
/// </summary>
public static class CanonicalForm
{
    /// <summary>Encodes a payload into its canonical bytes, or returns why it cannot be encoded.</summary>
    public static CanonicalStatus TryEncode(ScentPayload payload, CanonicalLimits limits, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(output);
        using var buffer = new CanonicalBuffer(limits.MaxBytes);
        var status = Encode(payload, limits, buffer, out var direct);
        if (status == CanonicalStatus.Ok)
        {
            var bytes = direct ? payload.Bytes.Span : buffer.WrittenSpan;
            bytes.CopyTo(output.GetSpan(bytes.Length));
            output.Advance(bytes.Length);
        }

        return status;
    }

    /// <summary>
    /// Encodes into <paramref name="buffer"/>; for byte payloads nothing is copied and
    /// <paramref name="direct"/> says the canonical form is the payload's own bytes.
    /// </summary>
    internal static CanonicalStatus Encode(ScentPayload payload, in CanonicalLimits limits, CanonicalBuffer buffer, out bool direct)
    {
        direct = false;
        switch (payload.Kind)
        {
            case ScentPayloadKind.Bytes:
                direct = true;
                return payload.Bytes.Length > limits.MaxBytes ? CanonicalStatus.TooLarge : CanonicalStatus.Ok;
            case ScentPayloadKind.Text:
                return EncodeText(payload.Text!, limits, buffer);
            case ScentPayloadKind.Json when payload.Text is { } jsonText:
                return EncodeJsonText(jsonText, limits, buffer);
            case ScentPayloadKind.Json:
                return EncodeJson(payload.Bytes.Span, limits, buffer);
            case ScentPayloadKind.KeyValues:
                return EncodeKeyValues((IEnumerable<KeyValuePair<string, string?>>)payload.Graph!, limits, buffer);
            case ScentPayloadKind.Structured:
                var keysLeft = limits.MaxTotalKeys;
                var path = new List<object>();
                return WriteGraph(payload.Graph, 0, limits, ref keysLeft, path, buffer);
            default:
                return CanonicalStatus.UnsupportedType;
        }
    }

    private static CanonicalStatus EncodeText(string text, in CanonicalLimits limits, CanonicalBuffer buffer)
    {
        if ((long)text.Length > limits.MaxBytes)
        {
            // Each UTF-16 unit encodes to at least one byte.
            return CanonicalStatus.TooLarge;
        }

        var span = buffer.GetSpan((text.Length * 3) + 1);
        var status = Utf8.FromUtf16(text, span, out _, out var written, replaceInvalidSequences: false);
        if (status != OperationStatus.Done)
        {
            return CanonicalStatus.InvalidUtf8;
        }

        return buffer.Advance(written) ? CanonicalStatus.Ok : CanonicalStatus.TooLarge;
    }

    private static CanonicalStatus EncodeJsonText(string json, in CanonicalLimits limits, CanonicalBuffer buffer)
    {
        if ((long)json.Length > limits.MaxBytes)
        {
            return CanonicalStatus.TooLarge;
        }

        var rented = ArrayPool<byte>.Shared.Rent((json.Length * 3) + 1);
        try
        {
            var status = Utf8.FromUtf16(json, rented, out _, out var written, replaceInvalidSequences: false);
            return status == OperationStatus.Done
                ? EncodeJson(rented.AsSpan(0, written), limits, buffer)
                : CanonicalStatus.InvalidUtf8;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented, clearArray: true);
        }
    }

    private static CanonicalStatus EncodeJson(ReadOnlySpan<byte> json, in CanonicalLimits limits, CanonicalBuffer buffer)
    {
        if (json.Length > limits.MaxBytes)
        {
            return CanonicalStatus.TooLarge;
        }

        try
        {
            // Pass one checks limits and well-formedness over the whole document, so that pass two,
            // which re-reads member values in sorted order, only ever sees valid input.
            var status = Validate(json, limits);
            return status != CanonicalStatus.Ok ? status : JsonCanonicalWriter.WriteDocument(json, limits, buffer);
        }
        catch (JsonException)
        {
            return CanonicalStatus.InvalidJson;
        }
        catch (InvalidOperationException)
        {
            // Raised by the reader for escapes that do not decode to valid text (e.g. a lone \ud800).
            return CanonicalStatus.InvalidUtf8;
        }
    }

    private static CanonicalStatus Validate(ReadOnlySpan<byte> json, in CanonicalLimits limits)
    {
        var reader = new Utf8JsonReader(json, JsonCanonicalWriter.ReaderOptions(limits));
        var keys = 0;
        var any = false;
        while (reader.Read())
        {
            any = true;
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    if (reader.CurrentDepth + 1 > limits.MaxDepth)
                    {
                        return CanonicalStatus.DepthExceeded;
                    }

                    break;
                case JsonTokenType.PropertyName:
                    if (++keys > limits.MaxTotalKeys)
                    {
                        return CanonicalStatus.TooManyKeys;
                    }

                    if (!reader.ValueIsEscaped && !Utf8.IsValid(reader.ValueSpan))
                    {
                        return CanonicalStatus.InvalidUtf8;
                    }

                    break;
                case JsonTokenType.String:
                    if (!reader.ValueIsEscaped && !Utf8.IsValid(reader.ValueSpan))
                    {
                        return CanonicalStatus.InvalidUtf8;
                    }

                    break;
                case JsonTokenType.Number:
                    if (!reader.TryGetDouble(out var number) || !double.IsFinite(number))
                    {
                        return CanonicalStatus.InvalidNumber;
                    }

                    break;
            }
        }

        return any ? CanonicalStatus.Ok : CanonicalStatus.InvalidJson;
    }

    private static CanonicalStatus EncodeKeyValues(IEnumerable<KeyValuePair<string, string?>> pairs, in CanonicalLimits limits, CanonicalBuffer buffer)
    {
        var list = new List<KeyValuePair<string, string?>>(pairs is ICollection<KeyValuePair<string, string?>> c ? c.Count : 8);
        foreach (var pair in pairs)
        {
            if (pair.Key is null)
            {
                return CanonicalStatus.UnsupportedType;
            }

            if (list.Count >= limits.MaxTotalKeys)
            {
                return CanonicalStatus.TooManyKeys;
            }

            list.Add(pair);
        }

        list.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        if (!buffer.TryWrite((byte)'{'))
        {
            return CanonicalStatus.TooLarge;
        }

        for (var i = 0; i < list.Count; i++)
        {
            if (i > 0 && string.Equals(list[i - 1].Key, list[i].Key, StringComparison.Ordinal))
            {
                return CanonicalStatus.DuplicateKey;
            }

            if (i > 0 && !buffer.TryWrite((byte)','))
            {
                return CanonicalStatus.TooLarge;
            }

            var status = WriteString(list[i].Key, buffer);
            if (status != CanonicalStatus.Ok)
            {
                return status;
            }

            if (!buffer.TryWrite((byte)':'))
            {
                return CanonicalStatus.TooLarge;
            }

            status = list[i].Value is { } value ? WriteString(value, buffer) : WriteLiteral("null"u8, buffer);
            if (status != CanonicalStatus.Ok)
            {
                return status;
            }
        }

        return buffer.TryWrite((byte)'}') ? CanonicalStatus.Ok : CanonicalStatus.TooLarge;
    }

    private static CanonicalStatus WriteGraph(object? value, int depth, in CanonicalLimits limits, ref int keysLeft, List<object> path, CanonicalBuffer buffer)
    {
        switch (value)
        {
            case null: return WriteLiteral("null"u8, buffer);
            case string s: return WriteString(s, buffer);
            case bool b: return WriteLiteral(b ? "true"u8 : "false"u8, buffer);
            case byte or sbyte or short or ushort or int or uint or long or ulong or float or double or decimal:
                var number = Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture);
                if (!double.IsFinite(number))
                {
                    return CanonicalStatus.InvalidNumber;
                }

                return JcsWriter.TryWriteNumber(buffer, number) ? CanonicalStatus.Ok : CanonicalStatus.TooLarge;
            case JsonElement element:
                return WriteElement(element, depth, limits, ref keysLeft, buffer);
        }

        if (value is not IEnumerable)
        {
            return CanonicalStatus.UnsupportedType;
        }

        foreach (var seen in path)
        {
            if (ReferenceEquals(seen, value))
            {
                return CanonicalStatus.Cycle;
            }
        }

        if (depth + 1 > limits.MaxDepth)
        {
            return CanonicalStatus.DepthExceeded;
        }

        path.Add(value);
        var result = value is IDictionary dictionary
            ? WriteDictionary(dictionary, depth + 1, limits, ref keysLeft, path, buffer)
            : WriteList((IEnumerable)value, depth + 1, limits, ref keysLeft, path, buffer);
        path.RemoveAt(path.Count - 1);
        return result;
    }

    private static CanonicalStatus WriteDictionary(IDictionary dictionary, int depth, in CanonicalLimits limits, ref int keysLeft, List<object> path, CanonicalBuffer buffer)
    {
        var members = new List<KeyValuePair<string, object?>>(dictionary.Count);
        foreach (DictionaryEntry entry in dictionary)
        {
            if (entry.Key is not string key)
            {
                return CanonicalStatus.UnsupportedType;
            }

            if (--keysLeft < 0)
            {
                return CanonicalStatus.TooManyKeys;
            }

            members.Add(new(key, entry.Value));
        }

        // Keys of a dictionary are unique by construction unless its comparer is not ordinal.
        members.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        if (!buffer.TryWrite((byte)'{'))
        {
            return CanonicalStatus.TooLarge;
        }

        for (var i = 0; i < members.Count; i++)
        {
            if (i > 0 && string.Equals(members[i - 1].Key, members[i].Key, StringComparison.Ordinal))
            {
                return CanonicalStatus.DuplicateKey;
            }

            if (i > 0 && !buffer.TryWrite((byte)','))
            {
                return CanonicalStatus.TooLarge;
            }

            var status = WriteString(members[i].Key, buffer);
            if (status != CanonicalStatus.Ok)
            {
                return status;
            }

            if (!buffer.TryWrite((byte)':'))
            {
                return CanonicalStatus.TooLarge;
            }

            status = WriteGraph(members[i].Value, depth, limits, ref keysLeft, path, buffer);
            if (status != CanonicalStatus.Ok)
            {
                return status;
            }
        }

        return buffer.TryWrite((byte)'}') ? CanonicalStatus.Ok : CanonicalStatus.TooLarge;
    }

    private static CanonicalStatus WriteList(IEnumerable list, int depth, in CanonicalLimits limits, ref int keysLeft, List<object> path, CanonicalBuffer buffer)
    {
        if (!buffer.TryWrite((byte)'['))
        {
            return CanonicalStatus.TooLarge;
        }

        var first = true;
        foreach (var item in list)
        {
            if (!first && !buffer.TryWrite((byte)','))
            {
                return CanonicalStatus.TooLarge;
            }

            first = false;
            var status = WriteGraph(item, depth, limits, ref keysLeft, path, buffer);
            if (status != CanonicalStatus.Ok)
            {
                return status;
            }
        }

        return buffer.TryWrite((byte)']') ? CanonicalStatus.Ok : CanonicalStatus.TooLarge;
    }

    private static CanonicalStatus WriteElement(JsonElement element, int depth, in CanonicalLimits limits, ref int keysLeft, CanonicalBuffer buffer)
    {
        // A JsonElement is already parsed JSON: canonicalize its own text so both routes agree byte for byte.
        // Its members count against the whole payload's key limit like any dictionary's.
        keysLeft -= CountMembers(element);
        if (keysLeft < 0)
        {
            return CanonicalStatus.TooManyKeys;
        }

        var raw = element.GetRawText();
        var remaining = limits with { MaxDepth = limits.MaxDepth - depth };
        return EncodeJsonText(raw, remaining, buffer);
    }

    private static int CountMembers(JsonElement element)
    {
        var count = 0;
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    count += 1 + CountMembers(property.Value);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    count += CountMembers(item);
                }

                break;
        }

        return count;
    }

    private static CanonicalStatus WriteString(string value, CanonicalBuffer buffer)
    {
        if (JcsWriter.TryWriteString(buffer, value.AsSpan(), out var invalid))
        {
            return CanonicalStatus.Ok;
        }

        return invalid ? CanonicalStatus.InvalidUtf8 : CanonicalStatus.TooLarge;
    }

    private static CanonicalStatus WriteLiteral(ReadOnlySpan<byte> literal, CanonicalBuffer buffer) =>
        buffer.TryWrite(literal) ? CanonicalStatus.Ok : CanonicalStatus.TooLarge;
}
