using System.Collections;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Detektr.Sigma.Events;

/// <summary>
/// An event held as a flat table of fields, built once from JSON or a dictionary so that evaluating
/// many rules over it reads fields without parsing or allocating. Nested objects are flattened into
/// dotted names (<c>Headers.User-Agent</c>); the object itself stays visible to <c>exists</c>.
/// </summary>
public sealed class SigmaEvent : ISigmaEvent
{
    private const int MaxDepth = 16;
    private readonly Dictionary<string, SigmaValue> _fields;
    private readonly SigmaValue[] _leaves;

    private SigmaEvent(Dictionary<string, SigmaValue> fields)
    {
        _fields = fields;
        var leaves = new List<SigmaValue>(fields.Count);
        foreach (SigmaValue value in fields.Values)
        {
            if (value.Kind == SigmaValueKind.List)
            {
                foreach (SigmaValue item in value.Items)
                {
                    if (item.Text is not null)
                    {
                        leaves.Add(item);
                    }
                }
            }
            else if (value.Text is not null)
            {
                leaves.Add(value);
            }
        }

        _leaves = [.. leaves];
    }

    /// <summary>The number of fields, nested ones counted by their dotted names.</summary>
    public int FieldCount => _fields.Count;

    /// <summary>The field names, nested ones as dotted names.</summary>
    public IEnumerable<string> FieldNames => _fields.Keys;

    /// <inheritdoc />
    public bool TryGetField(string name, out SigmaValue value) => _fields.TryGetValue(name, out value);

    /// <inheritdoc />
    public bool AnyFieldValue<TState>(Func<SigmaValue, TState, bool> predicate, TState state)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        foreach (SigmaValue leaf in _leaves)
        {
            if (predicate(leaf, state))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Builds an event from one line of JSON (an object).</summary>
    /// <exception cref="JsonException">The text is not JSON.</exception>
    /// <exception cref="ArgumentException">The JSON is not an object.</exception>
    public static SigmaEvent FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using JsonDocument document = JsonDocument.Parse(json);
        return FromJson(document.RootElement);
    }

    /// <summary>Builds an event from UTF-8 JSON bytes (an object).</summary>
    /// <exception cref="JsonException">The bytes are not JSON.</exception>
    /// <exception cref="ArgumentException">The JSON is not an object.</exception>
    public static SigmaEvent FromJson(ReadOnlyMemory<byte> utf8Json)
    {
        using JsonDocument document = JsonDocument.Parse(utf8Json);
        return FromJson(document.RootElement);
    }

    /// <summary>Builds an event from a JSON object element; the element may be disposed afterwards.</summary>
    /// <exception cref="ArgumentException">The element is not an object.</exception>
    public static SigmaEvent FromJson(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException($"An event must be a JSON object, not {element.ValueKind}.", nameof(element));
        }

        var fields = new Dictionary<string, SigmaValue>(StringComparer.Ordinal);
        AddObject(fields, prefix: null, element, depth: 0);
        return new SigmaEvent(fields);
    }

    /// <summary>Builds an event from a <see cref="JsonObject"/>.</summary>
    public static SigmaEvent FromJson(JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var fields = new Dictionary<string, SigmaValue>(StringComparer.Ordinal);
        AddNodeObject(fields, prefix: null, json, depth: 0);
        return new SigmaEvent(fields);
    }

    /// <summary>
    /// Builds an event from a dictionary. Values may be strings, numbers, booleans, null, nested
    /// dictionaries (flattened into dotted names), sequences, <see cref="SigmaValue"/>s and JSON
    /// elements or nodes; anything else is read through its invariant string form.
    /// </summary>
    public static SigmaEvent FromDictionary(IEnumerable<KeyValuePair<string, object?>> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var table = new Dictionary<string, SigmaValue>(StringComparer.Ordinal);
        AddDictionary(table, prefix: null, fields, depth: 0);
        return new SigmaEvent(table);
    }

    private static void AddObject(Dictionary<string, SigmaValue> fields, string? prefix, JsonElement element, int depth)
    {
        foreach (JsonProperty property in element.EnumerateObject())
        {
            string name = prefix is null ? property.Name : prefix + "." + property.Name;
            if (property.Value.ValueKind == JsonValueKind.Object)
            {
                fields[name] = SigmaValue.NestedMap;
                if (depth < MaxDepth)
                {
                    AddObject(fields, name, property.Value, depth + 1);
                }
            }
            else
            {
                fields[name] = FromElement(property.Value);
            }
        }
    }

    private static SigmaValue FromElement(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => SigmaValue.FromString(element.GetString()),
        JsonValueKind.Number => SigmaValue.FromNumberText(element.GetRawText()) ?? SigmaValue.FromString(element.GetRawText()),
        JsonValueKind.True => SigmaValue.FromBoolean(true),
        JsonValueKind.False => SigmaValue.FromBoolean(false),
        JsonValueKind.Array => SigmaValue.FromList(element.EnumerateArray().Select(FromElement)),
        JsonValueKind.Object => SigmaValue.NestedMap,
        _ => SigmaValue.Null,
    };

    private static void AddNodeObject(Dictionary<string, SigmaValue> fields, string? prefix, JsonObject json, int depth)
    {
        foreach (KeyValuePair<string, JsonNode?> property in json)
        {
            string name = prefix is null ? property.Key : prefix + "." + property.Key;
            if (property.Value is JsonObject nested)
            {
                fields[name] = SigmaValue.NestedMap;
                if (depth < MaxDepth)
                {
                    AddNodeObject(fields, name, nested, depth + 1);
                }
            }
            else
            {
                fields[name] = FromNode(property.Value);
            }
        }
    }

    private static SigmaValue FromNode(JsonNode? node) => node switch
    {
        null => SigmaValue.Null,
        JsonObject => SigmaValue.NestedMap,
        JsonArray array => SigmaValue.FromList(array.Select(FromNode)),
        JsonValue value => FromJsonValue(value),
        _ => SigmaValue.Null,
    };

    private static SigmaValue FromJsonValue(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.String => SigmaValue.FromString(value.GetValue<string>()),
        JsonValueKind.Number => SigmaValue.FromNumberText(value.ToJsonString()) ?? SigmaValue.FromString(value.ToJsonString()),
        JsonValueKind.True => SigmaValue.FromBoolean(true),
        JsonValueKind.False => SigmaValue.FromBoolean(false),
        _ => SigmaValue.Null,
    };

    private static void AddDictionary(Dictionary<string, SigmaValue> table, string? prefix,
        IEnumerable<KeyValuePair<string, object?>> fields, int depth)
    {
        foreach (KeyValuePair<string, object?> field in fields)
        {
            string name = prefix is null ? field.Key : prefix + "." + field.Key;
            IEnumerable<KeyValuePair<string, object?>>? nested = field.Value switch
            {
                IEnumerable<KeyValuePair<string, object?>> pairs => pairs,
                IDictionary dictionary => dictionary.Keys.Cast<object>()
                    .Select(k => new KeyValuePair<string, object?>(Convert.ToString(k, CultureInfo.InvariantCulture) ?? string.Empty, dictionary[k])),
                _ => null,
            };
            if (nested is not null)
            {
                table[name] = SigmaValue.NestedMap;
                if (depth < MaxDepth)
                {
                    AddDictionary(table, name, nested, depth + 1);
                }
            }
            else
            {
                table[name] = FromObject(field.Value);
            }
        }
    }

    private static SigmaValue FromObject(object? value) => value switch
    {
        null => SigmaValue.Null,
        SigmaValue sigma => sigma,
        string text => SigmaValue.FromString(text),
        bool flag => SigmaValue.FromBoolean(flag),
        sbyte or short or int or long or byte or ushort or uint => SigmaValue.FromInteger(Convert.ToInt64(value, CultureInfo.InvariantCulture)),
        ulong unsigned => SigmaValue.FromNumberText(unsigned.ToString(CultureInfo.InvariantCulture)) ?? SigmaValue.Null,
        float or double or decimal => SigmaValue.FromDouble(Convert.ToDouble(value, CultureInfo.InvariantCulture)),
        JsonElement element => element.ValueKind == JsonValueKind.Object ? SigmaValue.NestedMap : FromElement(element),
        JsonNode node => FromNode(node),
        IDictionary => SigmaValue.NestedMap,
        IEnumerable sequence => SigmaValue.FromList(sequence.Cast<object?>().Select(FromObject)),
        IFormattable formattable => SigmaValue.FromString(formattable.ToString(null, CultureInfo.InvariantCulture)),
        _ => SigmaValue.FromString(value.ToString()),
    };
}
