using YamlDotNet.RepresentationModel;

namespace Heimdall.Readers;

/// <summary>Small accessors over YamlDotNet's representation model.</summary>
internal static class Yaml
{
    public static YamlMappingNode? Map(YamlNode? node, string key) =>
        node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value as YamlMappingNode : null;

    public static string? Scalar(YamlNode? node, string key) =>
        node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode scalar
            ? scalar.Value
            : null;

    public static bool IsTrue(YamlNode? node, string key) => Scalar(node, key) is "true";

    public static int Line(YamlNode node) => (int)node.Start.Line;

    public static IEnumerable<(string Key, YamlNode Value, int Line)> Entries(YamlMappingNode? map)
    {
        if (map is null)
        {
            yield break;
        }

        foreach (var (key, value) in map.Children)
        {
            if (key is YamlScalarNode { Value: { } k })
            {
                yield return (k, value, Line(key));
            }
        }
    }
}
