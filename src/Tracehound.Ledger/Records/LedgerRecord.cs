using System.Buffers.Binary;
using System.Collections.ObjectModel;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Tracehound.Ledger;

/// <summary>
/// One leaf of the ledger: what happened (<see cref="Kind"/>, e.g. <c>evidence.quarantined</c>,
/// <c>detektr.run</c>), to what (<see cref="Subject"/>, e.g. an evidence signature or a run id), when
/// (<see cref="Time"/>, UTC, millisecond precision) and a few sorted attributes. The leaf data hashed
/// into the tree is the canonical encoding (<see cref="Encode"/>, documented in docs/ledger.md).
/// A record never carries payloads or personal data: callers pass hashes and identifiers only.
/// </summary>
public sealed class LedgerRecord : IEquatable<LedgerRecord>
{
    /// <summary>The encoding version written by this library.</summary>
    public const byte FormatVersion = 1;

    /// <summary>Longest kind, in bytes.</summary>
    public const int MaxKindLength = 64;

    /// <summary>Longest subject, in UTF-8 bytes.</summary>
    public const int MaxSubjectBytes = 512;

    /// <summary>Most attributes on one record.</summary>
    public const int MaxAttributes = 32;

    /// <summary>Longest attribute key, in bytes.</summary>
    public const int MaxAttributeKeyLength = 64;

    /// <summary>Longest string attribute value, in UTF-8 bytes.</summary>
    public const int MaxStringValueBytes = 1024;

    private const byte StringTag = 0x01;
    private const byte IntegerTag = 0x02;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly long MinUnixMilliseconds = DateTimeOffset.MinValue.ToUnixTimeMilliseconds();
    private static readonly long MaxUnixMilliseconds = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    private readonly KeyValuePair<string, LedgerValue>[] _attributes;

    /// <summary>
    /// Creates a record. The time is converted to UTC and truncated to whole milliseconds; attributes
    /// are sorted by key (ordinal).
    /// </summary>
    /// <exception cref="ArgumentException">A field breaks the rules in docs/ledger.md (syntax, length, duplicate key).</exception>
    public LedgerRecord(string kind, string subject, DateTimeOffset time, IEnumerable<KeyValuePair<string, LedgerValue>>? attributes = null)
    {
        if (!TryBuild(kind, subject, time, attributes, out var sorted, out var error))
        {
            throw new ArgumentException(error);
        }

        Kind = kind;
        Subject = subject;
        Time = TruncateToMilliseconds(time);
        _attributes = sorted;
        Attributes = new ReadOnlyCollection<KeyValuePair<string, LedgerValue>>(_attributes);
    }

    private LedgerRecord(string kind, string subject, DateTimeOffset time, KeyValuePair<string, LedgerValue>[] sortedAttributes)
    {
        Kind = kind;
        Subject = subject;
        Time = time;
        _attributes = sortedAttributes;
        Attributes = new ReadOnlyCollection<KeyValuePair<string, LedgerValue>>(_attributes);
    }

    /// <summary>What happened, e.g. <c>evidence.evicted</c>: lower-case ASCII letters, digits, '.', '_' and '-', starting with a letter.</summary>
    public string Kind { get; }

    /// <summary>What it happened to: an identifier or a hash (1–512 UTF-8 bytes, no control characters).</summary>
    public string Subject { get; }

    /// <summary>When it happened, UTC, millisecond precision.</summary>
    public DateTimeOffset Time { get; }

    /// <summary>The attributes, sorted by key (ordinal), keys unique.</summary>
    public IReadOnlyList<KeyValuePair<string, LedgerValue>> Attributes { get; }

    /// <summary>Creates a record, or returns false with the reason instead of throwing.</summary>
    public static bool TryCreate(string kind, string subject, DateTimeOffset time, IEnumerable<KeyValuePair<string, LedgerValue>>? attributes, [NotNullWhen(true)] out LedgerRecord? record, [NotNullWhen(false)] out string? error)
    {
        if (!TryBuild(kind, subject, time, attributes, out var sorted, out error))
        {
            record = null;
            return false;
        }

        record = new LedgerRecord(kind, subject, TruncateToMilliseconds(time), sorted);
        return true;
    }

    /// <summary>Looks up an attribute by key.</summary>
    public bool TryGetAttribute(string key, out LedgerValue value)
    {
        foreach (var pair in _attributes)
        {
            if (string.Equals(pair.Key, key, StringComparison.Ordinal))
            {
                value = pair.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>The number of bytes <see cref="Encode"/> produces.</summary>
    public int EncodedLength
    {
        get
        {
            var length = 1 + 1 + Kind.Length + 2 + Encoding.UTF8.GetByteCount(Subject) + 8 + 1;
            foreach (var (key, value) in _attributes)
            {
                length += 1 + key.Length + 1 + (value.IsString ? 2 + Encoding.UTF8.GetByteCount(value.AsString()) : 8);
            }

            return length;
        }
    }

    /// <summary>The canonical encoding: the leaf data of this record (format in docs/ledger.md).</summary>
    public byte[] Encode()
    {
        var bytes = new byte[EncodedLength];
        Write(bytes);
        return bytes;
    }

    /// <summary>Writes the canonical encoding into <paramref name="destination"/>, which must hold <see cref="EncodedLength"/> bytes.</summary>
    /// <returns>The number of bytes written.</returns>
    public int Write(Span<byte> destination)
    {
        var at = 0;
        destination[at++] = FormatVersion;
        destination[at++] = (byte)Kind.Length;
        at += Encoding.ASCII.GetBytes(Kind, destination[at..]);
        var subjectLength = Encoding.UTF8.GetBytes(Subject, destination[(at + 2)..]);
        BinaryPrimitives.WriteUInt16BigEndian(destination[at..], (ushort)subjectLength);
        at += 2 + subjectLength;
        BinaryPrimitives.WriteInt64BigEndian(destination[at..], Time.ToUnixTimeMilliseconds());
        at += 8;
        destination[at++] = (byte)_attributes.Length;
        foreach (var (key, value) in _attributes)
        {
            destination[at++] = (byte)key.Length;
            at += Encoding.ASCII.GetBytes(key, destination[at..]);
            if (value.IsString)
            {
                destination[at++] = StringTag;
                var length = Encoding.UTF8.GetBytes(value.AsString(), destination[(at + 2)..]);
                BinaryPrimitives.WriteUInt16BigEndian(destination[at..], (ushort)length);
                at += 2 + length;
            }
            else
            {
                destination[at++] = IntegerTag;
                BinaryPrimitives.WriteInt64BigEndian(destination[at..], value.AsInt64());
                at += 8;
            }
        }

        return at;
    }

    /// <summary>The RFC 9162 leaf hash of this record's encoding.</summary>
    public Sha256Hash ComputeLeafHash() => MerkleHash.Leaf(Encode());

    /// <summary>Decodes a canonical encoding strictly: any deviation (version, length, order, trailing bytes) fails.</summary>
    /// <exception cref="FormatException">The bytes are not a canonical version-1 record.</exception>
    public static LedgerRecord Decode(ReadOnlySpan<byte> data) =>
        TryDecode(data, out var record, out var error) ? record : throw new FormatException(error);

    /// <summary>Decodes a canonical encoding strictly, returning false with the reason on any deviation.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> data, [NotNullWhen(true)] out LedgerRecord? record, [NotNullWhen(false)] out string? error) =>
        Parse(data, materialize: true, out record, out error);

    /// <summary>Checks that <paramref name="data"/> is a canonical record without building it (used by verification).</summary>
    public static bool IsCanonical(ReadOnlySpan<byte> data, [NotNullWhen(false)] out string? error) =>
        Parse(data, materialize: false, out _, out error);

    private static bool Parse(ReadOnlySpan<byte> data, bool materialize, out LedgerRecord? record, out string? error)
    {
        record = null;
        var at = 0;
        if (data.Length < 1 + 1 + 1 + 2 + 1 + 8 + 1)
        {
            error = $"record is {data.Length} bytes, shorter than the smallest record";
            return false;
        }

        if (data[at] != FormatVersion)
        {
            error = $"unsupported record version {data[at]} (expected {FormatVersion})";
            return false;
        }

        at++;
        if (!ReadName(data, ref at, MaxKindLength, "kind", out var kindBytes, out error))
        {
            return false;
        }

        if (at + 2 > data.Length)
        {
            error = "record ends inside the subject length";
            return false;
        }

        var subjectLength = BinaryPrimitives.ReadUInt16BigEndian(data[at..]);
        at += 2;
        if (subjectLength is 0 or > MaxSubjectBytes || at + subjectLength > data.Length)
        {
            error = $"subject length {subjectLength} is outside 1..{MaxSubjectBytes} or beyond the record";
            return false;
        }

        var subjectBytes = data.Slice(at, subjectLength);
        at += subjectLength;
        if (!System.Text.Unicode.Utf8.IsValid(subjectBytes) || HasControlCharacter(subjectBytes))
        {
            error = "subject is not valid UTF-8 without control characters";
            return false;
        }

        if (at + 8 + 1 > data.Length)
        {
            error = "record ends inside the time";
            return false;
        }

        var unixMilliseconds = BinaryPrimitives.ReadInt64BigEndian(data[at..]);
        at += 8;
        if (unixMilliseconds < MinUnixMilliseconds || unixMilliseconds > MaxUnixMilliseconds)
        {
            error = $"time {unixMilliseconds} ms is outside the representable range";
            return false;
        }

        var count = data[at++];
        if (count > MaxAttributes)
        {
            error = $"record has {count} attributes, more than {MaxAttributes}";
            return false;
        }

        var attributes = materialize ? new KeyValuePair<string, LedgerValue>[count] : null;
        var previousKeyStart = 0;
        var previousKeyLength = 0;
        for (var i = 0; i < count; i++)
        {
            var keyStart = at + 1;
            if (!ReadName(data, ref at, MaxAttributeKeyLength, "attribute key", out var keyBytes, out error))
            {
                return false;
            }

            if (i > 0 && data.Slice(previousKeyStart, previousKeyLength).SequenceCompareTo(keyBytes) >= 0)
            {
                error = $"attribute keys are not strictly ascending at '{Encoding.ASCII.GetString(keyBytes)}'";
                return false;
            }

            previousKeyStart = keyStart;
            previousKeyLength = keyBytes.Length;
            if (at >= data.Length)
            {
                error = "record ends before an attribute type";
                return false;
            }

            var tag = data[at++];
            LedgerValue value;
            if (tag == StringTag)
            {
                if (at + 2 > data.Length)
                {
                    error = "record ends inside a string length";
                    return false;
                }

                var length = BinaryPrimitives.ReadUInt16BigEndian(data[at..]);
                at += 2;
                if (length > MaxStringValueBytes || at + length > data.Length)
                {
                    error = $"string attribute of {length} bytes is longer than {MaxStringValueBytes} or beyond the record";
                    return false;
                }

                var valueBytes = data.Slice(at, length);
                at += length;
                if (!System.Text.Unicode.Utf8.IsValid(valueBytes))
                {
                    error = "string attribute is not valid UTF-8";
                    return false;
                }

                value = materialize ? LedgerValue.FromString(StrictUtf8.GetString(valueBytes)) : default;
            }
            else if (tag == IntegerTag)
            {
                if (at + 8 > data.Length)
                {
                    error = "record ends inside an integer attribute";
                    return false;
                }

                value = BinaryPrimitives.ReadInt64BigEndian(data[at..]);
                at += 8;
            }
            else
            {
                error = $"unknown attribute type 0x{tag:x2}";
                return false;
            }

            if (attributes is not null)
            {
                attributes[i] = new(Encoding.ASCII.GetString(keyBytes), value);
            }
        }

        if (at != data.Length)
        {
            error = $"{data.Length - at} trailing bytes after the record";
            return false;
        }

        if (materialize)
        {
            record = new LedgerRecord(
                Encoding.ASCII.GetString(kindBytes),
                StrictUtf8.GetString(subjectBytes),
                DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds),
                attributes!);
        }

        error = null;
        return true;
    }

    private static bool ReadName(ReadOnlySpan<byte> data, ref int at, int maxLength, string what, out ReadOnlySpan<byte> name, [NotNullWhen(false)] out string? error)
    {
        name = default;
        if (at >= data.Length)
        {
            error = $"record ends before the {what}";
            return false;
        }

        int length = data[at++];
        if (length == 0 || length > maxLength || at + length > data.Length)
        {
            error = $"{what} length {length} is outside 1..{maxLength} or beyond the record";
            return false;
        }

        name = data.Slice(at, length);
        at += length;
        if (!IsName(name))
        {
            error = $"{what} is not lower-case ASCII letters, digits, '.', '_' or '-' starting with a letter";
            return false;
        }

        error = null;
        return true;
    }

    private static bool TryBuild(string kind, string subject, DateTimeOffset time, IEnumerable<KeyValuePair<string, LedgerValue>>? attributes, [NotNullWhen(true)] out KeyValuePair<string, LedgerValue>[]? sorted, [NotNullWhen(false)] out string? error)
    {
        sorted = null;
        if (kind is null || kind.Length is 0 or > MaxKindLength || !IsName(kind))
        {
            error = $"kind '{kind}' must be 1..{MaxKindLength} lower-case ASCII letters, digits, '.', '_' or '-' starting with a letter";
            return false;
        }

        if (!IsWellFormed(subject, MaxSubjectBytes, out var subjectBytes) || subjectBytes == 0 || HasControlCharacter(subject))
        {
            error = $"subject must be 1..{MaxSubjectBytes} UTF-8 bytes of well-formed text without control characters";
            return false;
        }

        var list = attributes is null ? [] : attributes.ToArray();
        if (list.Length > MaxAttributes)
        {
            error = $"a record holds at most {MaxAttributes} attributes, got {list.Length}";
            return false;
        }

        if (list.Length > 1)
        {
            Array.Sort(list, KeyOrder.Instance);
        }
        for (var i = 0; i < list.Length; i++)
        {
            var (key, value) = list[i];
            if (key is null || key.Length is 0 or > MaxAttributeKeyLength || !IsName(key))
            {
                error = $"attribute key '{key}' must be 1..{MaxAttributeKeyLength} lower-case ASCII letters, digits, '.', '_' or '-' starting with a letter";
                return false;
            }

            if (i > 0 && string.Equals(list[i - 1].Key, key, StringComparison.Ordinal))
            {
                error = $"attribute key '{key}' appears twice";
                return false;
            }

            if (value.IsString && !IsWellFormed(value.AsString(), MaxStringValueBytes, out _))
            {
                error = $"attribute '{key}' must be well-formed text of at most {MaxStringValueBytes} UTF-8 bytes";
                return false;
            }
        }

        sorted = list;
        error = null;
        return true;
    }

    private static bool IsWellFormed(string? text, int maxBytes, out int byteCount)
    {
        byteCount = 0;
        if (text is null)
        {
            return false;
        }

        // Without surrogates every UTF-16 string is well formed; only then is the strict encoder needed.
        if (text.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') < 0)
        {
            byteCount = Encoding.UTF8.GetByteCount(text);
            return byteCount <= maxBytes;
        }

        try
        {
            byteCount = StrictUtf8.GetByteCount(text);
        }
        catch (EncoderFallbackException)
        {
            return false;
        }

        return byteCount <= maxBytes;
    }

    private static bool IsName(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty || name[0] is < 'a' or > 'z')
        {
            return false;
        }

        foreach (var c in name)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsName(ReadOnlySpan<byte> name)
    {
        if (name.IsEmpty || name[0] is < (byte)'a' or > (byte)'z')
        {
            return false;
        }

        foreach (var b in name)
        {
            if (b is not ((>= (byte)'a' and <= (byte)'z') or (>= (byte)'0' and <= (byte)'9') or (byte)'.' or (byte)'_' or (byte)'-'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool HasControlCharacter(string text)
    {
        foreach (var c in text)
        {
            if (char.IsControl(c))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasControlCharacter(ReadOnlySpan<byte> utf8)
    {
        foreach (var b in utf8)
        {
            if (b < 0x20 || b == 0x7F)
            {
                return true;
            }
        }

        // C1 controls (U+0080..U+009F) are encoded as 0xC2 0x80..0x9F.
        for (var i = 0; i + 1 < utf8.Length; i++)
        {
            if (utf8[i] == 0xC2 && utf8[i + 1] is >= 0x80 and <= 0x9F)
            {
                return true;
            }
        }

        return false;
    }

    private sealed class KeyOrder : IComparer<KeyValuePair<string, LedgerValue>>
    {
        public static readonly KeyOrder Instance = new();

        public int Compare(KeyValuePair<string, LedgerValue> x, KeyValuePair<string, LedgerValue> y) => string.CompareOrdinal(x.Key, y.Key);
    }

    private static DateTimeOffset TruncateToMilliseconds(DateTimeOffset time) =>
        DateTimeOffset.FromUnixTimeMilliseconds(time.ToUnixTimeMilliseconds());

    /// <inheritdoc />
    public bool Equals(LedgerRecord? other) =>
        other is not null
        && string.Equals(Kind, other.Kind, StringComparison.Ordinal)
        && string.Equals(Subject, other.Subject, StringComparison.Ordinal)
        && Time == other.Time
        && _attributes.AsSpan().SequenceEqual(other._attributes);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as LedgerRecord);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(StringComparer.Ordinal.GetHashCode(Kind), StringComparer.Ordinal.GetHashCode(Subject), Time);

    /// <summary>"kind subject time" with the attributes, for logs (records hold no payloads).</summary>
    public override string ToString()
    {
        var text = new StringBuilder().Append(Kind).Append(' ').Append(Subject).Append(' ').Append(Time.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (key, value) in _attributes)
        {
            text.Append(' ').Append(key).Append('=').Append(value.ToString());
        }

        return text.ToString();
    }
}
