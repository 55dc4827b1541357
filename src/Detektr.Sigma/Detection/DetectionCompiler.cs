using Detektr.Sigma.Loading;
using YamlDotNet.RepresentationModel;

namespace Detektr.Sigma.Detection;

/// <summary>
/// Compiles the <c>detection</c> section of a rule: each search identifier into a node (a map is an
/// AND of its fields, a list an OR of its maps or keywords), then the condition over them.
/// </summary>
internal sealed class DetectionCompiler(ProblemSink problems, TimeSpan regexTimeout)
{
    private readonly ValueCompiler _values = new(problems, regexTimeout);

    /// <summary>Every field the detection reads (fields of items, <c>exists</c> and <c>fieldref</c> targets).</summary>
    public IReadOnlySet<string> ReferencedFields => _values.ReferencedFields;

    /// <summary>Where each referenced field is first used.</summary>
    public IReadOnlyDictionary<string, YamlNode> FieldNodes => _values.FieldNodes;

    public DetectionNode? Compile(YamlMappingNode detection)
    {
        var identifiers = new List<KeyValuePair<string, DetectionNode>>();
        YamlNode? condition = null;
        YamlNode? conditionKey = null;
        bool failed = false;
        foreach (KeyValuePair<YamlNode, YamlNode> entry in detection.Children)
        {
            if (entry.Key is not YamlScalarNode { Value: string name })
            {
                problems.Invalid("detection keys must be plain names", entry.Key);
                failed = true;
                continue;
            }

            switch (name)
            {
                case "condition":
                    condition = entry.Value;
                    conditionKey = entry.Key;
                    continue;
                case "timeframe":
                    problems.Unsupported("'timeframe' belongs to aggregations and correlations, which are not supported", entry.Key);
                    failed = true;
                    continue;
            }

            DetectionNode? node = CompileSearch(name, entry.Value);
            if (node is null)
            {
                failed = true;
                continue;
            }

            identifiers.Add(new KeyValuePair<string, DetectionNode>(name, node));
        }

        if (condition is null)
        {
            problems.Invalid("the detection has no condition", detection);
            return null;
        }

        if (failed)
        {
            return null;
        }

        var conditions = new List<(string Text, YamlNode Node)>();
        switch (condition)
        {
            case YamlScalarNode { Value: string text }:
                conditions.Add((text, condition));
                break;
            case YamlSequenceNode list when list.Children.Count > 0 && list.Children.All(c => c is YamlScalarNode):
                conditions.AddRange(list.Children.Select(c => (((YamlScalarNode)c).Value ?? string.Empty, c)));
                break;
            default:
                problems.Invalid("the condition must be a string or a list of strings", condition ?? conditionKey);
                return null;
        }

        var used = new HashSet<string>(StringComparer.Ordinal);
        var parsed = new List<DetectionNode>();
        foreach ((string text, YamlNode node) in conditions)
        {
            DetectionNode? tree = ConditionParser.Parse(text, identifiers, used, out string? error, out bool unsupported);
            if (tree is null)
            {
                problems.Add(unsupported ? SigmaProblemKind.UnsupportedFeature : SigmaProblemKind.InvalidRule,
                    $"condition '{text}': {error}", node);
                return null;
            }

            parsed.Add(tree);
        }

        foreach (KeyValuePair<string, DetectionNode> identifier in identifiers)
        {
            if (!used.Contains(identifier.Key))
            {
                problems.Warn($"search identifier '{identifier.Key}' is not used by the condition", FindKey(detection, identifier.Key));
            }
        }

        // A list of conditions is an OR of them.
        return parsed.Count == 1 ? parsed[0] : new AnyNode([.. parsed]);
    }

    private DetectionNode? CompileSearch(string name, YamlNode definition)
    {
        switch (definition)
        {
            case YamlMappingNode map:
                return CompileMap(name, map);
            case YamlSequenceNode list:
                return CompileList(name, list);
            case YamlScalarNode scalar when RuleScalar.From(scalar).Kind == RuleScalarKind.Null:
                problems.Invalid($"search identifier '{name}' is empty", definition);
                return null;
            case YamlScalarNode scalar:
                return _values.CompileKeywords([(RuleScalar.From(scalar), scalar)], scalar);
            default:
                problems.Invalid($"search identifier '{name}' must be a map or a list", definition);
                return null;
        }
    }

    private DetectionNode? CompileMap(string name, YamlMappingNode map)
    {
        if (map.Children.Count == 0)
        {
            problems.Invalid($"search identifier '{name}' has an empty map, which would match every event", map);
            return null;
        }

        var items = new List<DetectionNode>(map.Children.Count);
        foreach (KeyValuePair<YamlNode, YamlNode> entry in map.Children)
        {
            if (entry.Key is not YamlScalarNode { Value: string key })
            {
                problems.Invalid($"the keys of '{name}' must be field names", entry.Key);
                return null;
            }

            DetectionNode? item = _values.CompileItem(key, entry.Key, entry.Value);
            if (item is null)
            {
                return null;
            }

            items.Add(item);
        }

        return items.Count == 1 ? items[0] : new AllNode([.. items]);
    }

    private DetectionNode? CompileList(string name, YamlSequenceNode list)
    {
        if (list.Children.Count == 0)
        {
            problems.Invalid($"search identifier '{name}' is an empty list, which could never match", list);
            return null;
        }

        var alternatives = new List<DetectionNode>();
        var keywords = new List<(RuleScalar, YamlNode)>();
        foreach (YamlNode item in list.Children)
        {
            switch (item)
            {
                case YamlMappingNode map:
                    DetectionNode? node = CompileMap(name, map);
                    if (node is null)
                    {
                        return null;
                    }

                    alternatives.Add(node);
                    break;
                case YamlScalarNode scalar:
                    keywords.Add((RuleScalar.From(scalar), scalar));
                    break;
                default:
                    problems.Invalid($"search identifier '{name}' holds a nested list; use a map or plain values", item);
                    return null;
            }
        }

        if (keywords.Count > 0)
        {
            DetectionNode? keywordNode = _values.CompileKeywords(keywords, list);
            if (keywordNode is null)
            {
                return null;
            }

            alternatives.Add(keywordNode);
        }

        return alternatives.Count == 1 ? alternatives[0] : new AnyNode([.. alternatives]);
    }

    private static YamlNode? FindKey(YamlMappingNode map, string key) =>
        map.Children.Keys.FirstOrDefault(k => k is YamlScalarNode { Value: string v } && v == key);
}
