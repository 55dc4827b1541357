using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Heimdall.Policy;

/// <summary>
/// Reads a suppression file (YAML, or JSON, which YAML reads too):
/// <code>
/// suppressions:
///   - id: GHSA-jf85-cpcp-j695
///     package: lodash          # optional
///     reason: not reachable from our code
///     owner: platform-team
///     expires: 2026-12-31
/// </code>
/// Every entry needs id, reason, owner and expires; a file with a bad entry is rejected whole, so a typo
/// never silently un-suppresses or over-suppresses.
/// </summary>
public static class SuppressionFile
{
    /// <summary>Reads and validates a suppression file.</summary>
    /// <exception cref="FormatException">The file is not valid; the message names the line and field.</exception>
    public static IReadOnlyList<Suppression> Parse(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new FormatException($"line {e.Start.Line}: invalid YAML: {e.Message}", e);
        }
        catch (InvalidOperationException e)
        {
            throw new FormatException($"invalid YAML: {e.Message}", e);
        }

        if (stream.Documents.Count == 0)
        {
            return [];
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root
            || !root.Children.TryGetValue(new YamlScalarNode("suppressions"), out var listNode))
        {
            throw new FormatException("the file needs a top-level 'suppressions' list");
        }

        if (listNode is YamlScalarNode { Value: null or "" })
        {
            return [];
        }

        if (listNode is not YamlSequenceNode list)
        {
            throw new FormatException($"line {listNode.Start.Line}: 'suppressions' must be a list");
        }

        var result = new List<Suppression>();
        foreach (var item in list)
        {
            var line = (int)item.Start.Line;
            if (item is not YamlMappingNode entry)
            {
                throw new FormatException($"line {line}: each suppression is a mapping with id, reason, owner and expires");
            }

            string Required(string field)
            {
                var value = Field(entry, field);
                return string.IsNullOrWhiteSpace(value) ? throw new FormatException($"line {line}: the suppression has no '{field}'") : value.Trim();
            }

            var id = Required("id");
            var reason = Required("reason");
            var owner = Required("owner");
            var expiresText = Required("expires");
            if (!DateOnly.TryParseExact(expiresText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var expires))
            {
                throw new FormatException($"line {line}: 'expires' must be a date written yyyy-MM-dd, not '{expiresText}'");
            }

            var unknown = entry.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value)
                .FirstOrDefault(k => k is not ("id" or "package" or "reason" or "owner" or "expires"));
            if (unknown is not null)
            {
                throw new FormatException($"line {line}: unknown field '{unknown}'");
            }

            result.Add(new Suppression(id, Field(entry, "package")?.Trim(), reason, owner, expires, line));
        }

        return result;
    }

    private static string? Field(YamlMappingNode entry, string name) =>
        entry.Children.TryGetValue(new YamlScalarNode(name), out var value) && value is YamlScalarNode scalar ? scalar.Value : null;
}
