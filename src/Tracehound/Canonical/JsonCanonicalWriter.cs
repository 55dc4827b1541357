using System.Buffers;
using System.Text.Json;

namespace Tracehound;

/// <summary>
/// Pass two of JSON canonicalization: writes an already validated document in RFC 8785 form.
/// Object members are collected with the byte range of their value, sorted by key (UTF-16 code units)
/// and written by re-reading each value's range, so nothing is materialized as a document tree.
/// The cost is one extra read of a value per enclosing object, bounded by the depth limit.
/// </summary>
internal static class JsonCanonicalWriter
{
    private static readonly MemberComparer s_memberComparer = new();

    public static JsonReaderOptions ReaderOptions(in CanonicalLimits limits) => new()
    {
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
        // One more than our own limit, so that our check reports DepthExceeded before the reader throws.
        MaxDepth = limits.MaxDepth + 1,
    };

    public static CanonicalStatus WriteDocument(ReadOnlySpan<byte> json, in CanonicalLimits limits, CanonicalBuffer buffer) =>
        WriteValue(json, ReaderOptions(limits), buffer);

    private static CanonicalStatus WriteValue(ReadOnlySpan<byte> slice, JsonReaderOptions options, CanonicalBuffer buffer)
    {
        var reader = new Utf8JsonReader(slice, options);
        reader.Read();
        return WriteCurrent(ref reader, slice, options, buffer);
    }

    private static CanonicalStatus WriteCurrent(ref Utf8JsonReader reader, ReadOnlySpan<byte> slice, JsonReaderOptions options, CanonicalBuffer buffer)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                return WriteObject(ref reader, slice, options, buffer);
            case JsonTokenType.StartArray:
                if (!buffer.TryWrite((byte)'['))
                {
                    return CanonicalStatus.TooLarge;
                }

                var first = true;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (!first && !buffer.TryWrite((byte)','))
                    {
                        return CanonicalStatus.TooLarge;
                    }

                    first = false;
                    var status = WriteCurrent(ref reader, slice, options, buffer);
                    if (status != CanonicalStatus.Ok)
                    {
                        return status;
                    }
                }

                return buffer.TryWrite((byte)']') ? CanonicalStatus.Ok : CanonicalStatus.TooLarge;
            case JsonTokenType.String:
                return WriteStringToken(ref reader, buffer);
            case JsonTokenType.Number:
                return JcsWriter.TryWriteNumber(buffer, reader.GetDouble()) ? CanonicalStatus.Ok : CanonicalStatus.TooLarge;
            case JsonTokenType.True:
                return buffer.TryWrite("true"u8) ? CanonicalStatus.Ok : CanonicalStatus.TooLarge;
            case JsonTokenType.False:
                return buffer.TryWrite("false"u8) ? CanonicalStatus.Ok : CanonicalStatus.TooLarge;
            case JsonTokenType.Null:
                return buffer.TryWrite("null"u8) ? CanonicalStatus.Ok : CanonicalStatus.TooLarge;
            default:
                return CanonicalStatus.InvalidJson;
        }
    }

    private static CanonicalStatus WriteObject(ref Utf8JsonReader reader, ReadOnlySpan<byte> slice, JsonReaderOptions options, CanonicalBuffer buffer)
    {
        var members = ArrayPool<Member>.Shared.Rent(8);
        var count = 0;
        try
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var key = reader.GetString()!;
                reader.Read();
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                var end = (int)reader.BytesConsumed;
                if (count == members.Length)
                {
                    var larger = ArrayPool<Member>.Shared.Rent(count * 2);
                    members.AsSpan(0, count).CopyTo(larger);
                    ArrayPool<Member>.Shared.Return(members, clearArray: true);
                    members = larger;
                }

                members[count++] = new Member(key, start, end);
            }

            Array.Sort(members, 0, count, s_memberComparer);
            if (!buffer.TryWrite((byte)'{'))
            {
                return CanonicalStatus.TooLarge;
            }

            for (var i = 0; i < count; i++)
            {
                if (i > 0)
                {
                    if (string.Equals(members[i - 1].Key, members[i].Key, StringComparison.Ordinal))
                    {
                        return CanonicalStatus.DuplicateKey;
                    }

                    if (!buffer.TryWrite((byte)','))
                    {
                        return CanonicalStatus.TooLarge;
                    }
                }

                if (!JcsWriter.TryWriteString(buffer, members[i].Key.AsSpan(), out var invalid))
                {
                    return invalid ? CanonicalStatus.InvalidUtf8 : CanonicalStatus.TooLarge;
                }

                if (!buffer.TryWrite((byte)':'))
                {
                    return CanonicalStatus.TooLarge;
                }

                var status = WriteValue(slice[members[i].Start..members[i].End], options, buffer);
                if (status != CanonicalStatus.Ok)
                {
                    return status;
                }
            }

            return buffer.TryWrite((byte)'}') ? CanonicalStatus.Ok : CanonicalStatus.TooLarge;
        }
        finally
        {
            ArrayPool<Member>.Shared.Return(members, clearArray: true);
        }
    }

    private static CanonicalStatus WriteStringToken(ref Utf8JsonReader reader, CanonicalBuffer buffer)
    {
        if (!reader.ValueIsEscaped)
        {
            return JcsWriter.TryWriteString(buffer, reader.ValueSpan) ? CanonicalStatus.Ok : CanonicalStatus.TooLarge;
        }

        // Escaped strings are decoded to UTF-16 first, which also rejects escapes of unpaired surrogates.
        var text = reader.GetString()!;
        return JcsWriter.TryWriteString(buffer, text.AsSpan(), out var invalid)
            ? CanonicalStatus.Ok
            : invalid ? CanonicalStatus.InvalidUtf8 : CanonicalStatus.TooLarge;
    }

    private readonly record struct Member(string Key, int Start, int End);

    private sealed class MemberComparer : IComparer<Member>
    {
        public int Compare(Member x, Member y) => string.CompareOrdinal(x.Key, y.Key);
    }
}
