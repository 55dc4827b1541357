using YamlDotNet.RepresentationModel;

namespace Detektr.Sigma.Loading;

/// <summary>
/// Sigma rule collections: a file of several YAML documents in which <c>action: global</c> sets a
/// template merged into every following rule, <c>action: reset</c> drops it and <c>action: repeat</c>
/// reuses the previous rule with changes. Merging is deep for maps; for other values the template
/// (or, for <c>repeat</c>, the new document) wins, as pySigma and the original sigmac do.
/// </summary>
internal static class RuleCollection
{
    public static List<(YamlMappingNode Document, YamlNode Origin)> Expand(IEnumerable<YamlNode> documents, ProblemSink problems)
    {
        var rules = new List<(YamlMappingNode, YamlNode)>();
        YamlMappingNode? template = null;
        YamlMappingNode? previous = null;
        foreach (YamlNode root in documents)
        {
            if (root is YamlScalarNode { Value: null or "" })
            {
                // An empty document, e.g. after a trailing '---'.
                continue;
            }

            if (root is not YamlMappingNode document)
            {
                problems.Invalid($"a rule document must be a map, not {Detection.ValueCompiler.Describe(root)}", root);
                continue;
            }

            YamlNode? actionNode = RuleParser.Find(document, "action");
            string? action = (actionNode as YamlScalarNode)?.Value;
            switch (action)
            {
                case null when actionNode is null:
                    YamlMappingNode rule = template is null ? document : Merge(document, template);
                    rules.Add((rule, root));
                    previous = rule;
                    break;
                case "global":
                    template = Without(document, "action");
                    previous = template;
                    break;
                case "reset":
                    template = null;
                    break;
                case "repeat":
                    if (previous is null)
                    {
                        problems.Invalid("'action: repeat' has no previous rule to repeat", actionNode);
                        break;
                    }

                    previous = Merge(previous, Without(document, "action"));
                    rules.Add((previous, root));
                    break;
                default:
                    problems.Invalid($"unknown collection action '{action}' (expected global, reset or repeat)", actionNode);
                    break;
            }
        }

        return rules;
    }

    /// <summary>A new map with <paramref name="overlay"/> merged onto <paramref name="target"/>; nested maps merge, other values are replaced.</summary>
    private static YamlMappingNode Merge(YamlMappingNode target, YamlMappingNode overlay)
    {
        var merged = new YamlMappingNode();
        var overlayByKey = new Dictionary<string, KeyValuePair<YamlNode, YamlNode>>(StringComparer.Ordinal);
        foreach (KeyValuePair<YamlNode, YamlNode> entry in overlay.Children)
        {
            if (entry.Key is YamlScalarNode { Value: string key })
            {
                overlayByKey[key] = entry;
            }
        }

        var done = new HashSet<string>(StringComparer.Ordinal);
        foreach (KeyValuePair<YamlNode, YamlNode> entry in target.Children)
        {
            string? key = (entry.Key as YamlScalarNode)?.Value;
            if (key is not null && overlayByKey.TryGetValue(key, out KeyValuePair<YamlNode, YamlNode> replacement))
            {
                done.Add(key);
                YamlNode value = entry.Value is YamlMappingNode targetMap && replacement.Value is YamlMappingNode overlayMap
                    ? Merge(targetMap, overlayMap)
                    : replacement.Value;
                merged.Children.Add(entry.Key, value);
            }
            else
            {
                merged.Children.Add(entry.Key, entry.Value);
            }
        }

        foreach (KeyValuePair<YamlNode, YamlNode> entry in overlay.Children)
        {
            if (entry.Key is YamlScalarNode { Value: string key } && !done.Contains(key))
            {
                merged.Children.Add(entry.Key, entry.Value);
            }
        }

        return merged;
    }

    private static YamlMappingNode Without(YamlMappingNode map, string key)
    {
        var copy = new YamlMappingNode();
        foreach (KeyValuePair<YamlNode, YamlNode> entry in map.Children)
        {
            if (entry.Key is not YamlScalarNode { Value: string name } || name != key)
            {
                copy.Children.Add(entry.Key, entry.Value);
            }
        }

        return copy;
    }
}
