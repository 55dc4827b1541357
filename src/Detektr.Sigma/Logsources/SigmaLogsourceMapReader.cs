using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Detektr.Sigma.Logsources;

/// <summary>
/// Reads log source rows from YAML, so a mapping table can live beside the rules:
/// <code>
/// mappings:
///   - product: linux
///     category: file_create
///     event_type: file_event
///     conditions:
///       Operation: create
///     fields: [TargetFilename, Image]   # optional: enables unknown-field warnings
/// </code>
/// </summary>
public static class SigmaLogsourceMapReader
{
    /// <summary>Reads the rows of <paramref name="yaml"/>; <see cref="SigmaLogsourceMap.With"/> adds them to a table.</summary>
    /// <exception cref="FormatException">The text is not such a table; the message gives the line.</exception>
    public static SigmaLogsourceMapping[] Read(string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new FormatException($"line {e.Start.Line}: invalid YAML: {e.Message}", e);
        }

        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root
            || !root.Children.TryGetValue(new YamlScalarNode("mappings"), out YamlNode? list) || list is not YamlSequenceNode rows)
        {
            throw new FormatException("line 1: a log source table is a map with a 'mappings' list");
        }

        var mappings = new List<SigmaLogsourceMapping>();
        foreach (YamlNode row in rows.Children)
        {
            if (row is not YamlMappingNode map)
            {
                throw Error(row, "each mapping must be a map");
            }

            string eventType = Text(map, "event_type") ?? throw Error(map, "a mapping needs an event_type");
            string? category = Text(map, "category");
            string? product = Text(map, "product");
            string? service = Text(map, "service");
            if (category is null && service is null)
            {
                throw Error(map, "a mapping needs a category or a service");
            }

            var conditions = new Dictionary<string, string>(StringComparer.Ordinal);
            if (Node(map, "conditions") is YamlNode conditionNode)
            {
                if (conditionNode is not YamlMappingNode conditionMap)
                {
                    throw Error(conditionNode, "conditions must map field names to values");
                }

                foreach (KeyValuePair<YamlNode, YamlNode> entry in conditionMap.Children)
                {
                    if (entry.Key is not YamlScalarNode { Value: string field } || entry.Value is not YamlScalarNode { Value: string value })
                    {
                        throw Error(entry.Key, "conditions must map field names to values");
                    }

                    conditions[field] = value;
                }
            }

            HashSet<string>? fields = null;
            if (Node(map, "fields") is YamlNode fieldNode)
            {
                if (fieldNode is not YamlSequenceNode fieldList || fieldList.Children.Any(c => c is not YamlScalarNode { Value: not null }))
                {
                    throw Error(fieldNode, "fields must be a list of field names");
                }

                fields = new HashSet<string>(["RunId", "Sequence", "EventType", "UtcTime", .. conditions.Keys,
                    .. fieldList.Children.Cast<YamlScalarNode>().Select(c => c.Value!)], StringComparer.Ordinal);
            }

            mappings.Add(new SigmaLogsourceMapping(product, category, service, eventType) { FieldConditions = conditions, KnownFields = fields });
        }

        return [.. mappings];
    }

    private static YamlNode? Node(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out YamlNode? value) ? value : null;

    private static string? Text(YamlMappingNode map, string key) => Node(map, key) switch
    {
        null => null,
        YamlScalarNode { Value: string value } when value.Length > 0 => value,
        YamlNode other => throw Error(other, $"'{key}' must be a single value"),
    };

    private static FormatException Error(YamlNode node, string message) => new($"line {node.Start.Line}: {message}");
}
