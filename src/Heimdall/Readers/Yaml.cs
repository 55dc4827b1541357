using Heimdall.Packages;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Heimdall.Readers;

/// <summary>Small accessors over YamlDotNet's representation model.</summary>
internal static class Yaml
{
    /// <summary>Parses a lockfile; false, with the reason added to <paramref name="unparsed"/>, when it is not YAML.</summary>
    public static bool TryLoad(string text, List<UnparsedEntry> unparsed, out YamlStream stream)
    {
        stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
            return true;
        }
        catch (YamlException e)
        {
            unparsed.Add(new UnparsedEntry("(file)", "invalid YAML: " + e.Message, (int)e.Start.Line));
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet reports some malformed flow collections this way.
            unparsed.Add(new UnparsedEntry("(file)", "invalid YAML: " + e.Message));
        }

        return false;
    }

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
