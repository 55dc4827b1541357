namespace Tracehound;

/// <summary>
/// What a request carried. Create one with <see cref="FromBytes"/>, <see cref="FromJson(ReadOnlyMemory{byte})"/>,
/// <see cref="FromText"/>, <see cref="FromKeyValues"/> or <see cref="FromStructured"/>; the kind decides the
/// canonical form (see <c>docs/canonical-form.md</c>).
/// </summary>
/// <remarks>
/// The payload is held by reference and never copied until evidence is created. <see cref="ToString"/>
/// shows the kind and size only, never the content.
/// </remarks>
public sealed class ScentPayload
{
    private ScentPayload(ScentPayloadKind kind, ReadOnlyMemory<byte> bytes, string? text, object? graph)
    {
        Kind = kind;
        Bytes = bytes;
        Text = text;
        Graph = graph;
    }

    /// <summary>An empty payload (zero bytes).</summary>
    public static ScentPayload Empty { get; } = new(ScentPayloadKind.Bytes, ReadOnlyMemory<byte>.Empty, null, null);

    /// <summary>How this payload is canonicalized.</summary>
    public ScentPayloadKind Kind { get; }

    /// <summary>The size in bytes when it is known without encoding (bytes and JSON), otherwise -1.</summary>
    public long KnownSize => Kind is ScentPayloadKind.Bytes or ScentPayloadKind.Json ? Bytes.Length : -1;

    internal ReadOnlyMemory<byte> Bytes { get; }

    internal string? Text { get; }

    internal object? Graph { get; }

    /// <summary>Opaque bytes: the canonical form is the bytes themselves.</summary>
    public static ScentPayload FromBytes(ReadOnlyMemory<byte> bytes) => new(ScentPayloadKind.Bytes, bytes, null, null);

    /// <summary>UTF-8 JSON text: key order, number formatting and string escaping do not change the canonical form.</summary>
    public static ScentPayload FromJson(ReadOnlyMemory<byte> utf8Json) => new(ScentPayloadKind.Json, utf8Json, null, null);

    /// <summary>JSON text given as a string.</summary>
    public static ScentPayload FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return new(ScentPayloadKind.Json, ReadOnlyMemory<byte>.Empty, json, null);
    }

    /// <summary>A string: the canonical form is its UTF-8 encoding.</summary>
    public static ScentPayload FromText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new(ScentPayloadKind.Text, ReadOnlyMemory<byte>.Empty, text, null);
    }

    /// <summary>
    /// Key/value pairs such as headers or form fields. The canonical form is a JSON object with sorted keys;
    /// a null value is JSON null. A key given twice is an error (<see cref="InterceptErrorCodes.PayloadDuplicateKey"/>).
    /// </summary>
    public static ScentPayload FromKeyValues(IEnumerable<KeyValuePair<string, string?>> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        return new(ScentPayloadKind.KeyValues, ReadOnlyMemory<byte>.Empty, null, pairs);
    }

    /// <summary>
    /// An object graph: dictionaries with string keys, lists, strings, booleans, numbers and null.
    /// Cycles and other types are reported as errors, not thrown.
    /// </summary>
    public static ScentPayload FromStructured(object? graph) => new(ScentPayloadKind.Structured, ReadOnlyMemory<byte>.Empty, null, graph);

    /// <summary>Shows the kind and, where known, the size; never the content.</summary>
    public override string ToString() =>
        KnownSize >= 0 ? $"{Kind} ({KnownSize} bytes)" : Text is not null ? $"{Kind} ({Text.Length} chars)" : Kind.ToString();
}
