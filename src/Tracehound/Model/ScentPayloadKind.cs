namespace Tracehound;

/// <summary>The shape of a scent's payload, which decides how it is put into canonical form.</summary>
public enum ScentPayloadKind
{
    /// <summary>Opaque bytes, kept exactly as given.</summary>
    Bytes = 0,

    /// <summary>UTF-8 JSON text, canonicalized per RFC 8785 (JCS).</summary>
    Json = 1,

    /// <summary>A string, stored as its UTF-8 bytes.</summary>
    Text = 2,

    /// <summary>Key/value pairs (headers, form fields), canonicalized as a JSON object of strings.</summary>
    KeyValues = 3,

    /// <summary>An object graph of dictionaries, lists and primitives, canonicalized as JSON.</summary>
    Structured = 4,
}
