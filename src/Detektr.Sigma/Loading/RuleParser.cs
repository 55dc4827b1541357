using Detektr.Sigma.Detection;
using Detektr.Sigma.Logsources;
using Detektr.Sigma.Rules;
using YamlDotNet.RepresentationModel;

namespace Detektr.Sigma.Loading;

/// <summary>Turns one rule document into a <see cref="SigmaRule"/>, or into the problems that keep it out.</summary>
internal static class RuleParser
{
    public static (SigmaRule? Rule, SkippedRule? Skipped) Parse(YamlMappingNode document, YamlNode origin, string file, SigmaLoadOptions options)
    {
        var problems = new ProblemSink(file);
        SourcePosition source = problems.At(origin);
        string? id = OptionalText(document, "id", problems);
        string? title = OptionalText(document, "title", problems);

        if (Find(document, "correlation") is YamlNode correlation)
        {
            problems.Unsupported("correlation rules are not supported", correlation);
            return Skip(source, id, title, problems);
        }

        if (Find(document, "filter") is YamlNode filter && Find(document, "detection") is null)
        {
            problems.Unsupported("Sigma filters (rule exclusions applied to other rules) are not supported", filter);
            return Skip(source, id, title, problems);
        }

        if (title is null || title.Trim().Length == 0)
        {
            problems.Invalid("the rule has no title", origin);
        }

        if (OptionalText(document, "taxonomy", problems) is string taxonomy && !taxonomy.Equals("sigma", StringComparison.OrdinalIgnoreCase))
        {
            problems.Unsupported($"taxonomy '{taxonomy}' is not supported; fields must use Sigma's default taxonomy", Find(document, "taxonomy"));
        }

        SigmaLogsource? logsource = ReadLogsource(document, origin, problems);
        SigmaLevel? level = ReadEnum<SigmaLevel>(document, "level", problems);
        SigmaStatus? status = ReadEnum<SigmaStatus>(document, "status", problems);

        DetectionNode? detection = null;
        IReadOnlySet<string> referenced = new HashSet<string>();
        IReadOnlyDictionary<string, YamlNode> fieldNodes = new Dictionary<string, YamlNode>();
        switch (Find(document, "detection"))
        {
            case YamlMappingNode detectionNode:
                var compiler = new DetectionCompiler(problems, options.RegexTimeout);
                detection = compiler.Compile(detectionNode);
                referenced = compiler.ReferencedFields;
                fieldNodes = compiler.FieldNodes;
                break;
            case null:
                problems.Invalid("the rule has no detection", origin);
                break;
            case YamlNode other:
                problems.Invalid("the detection must be a map of search identifiers and a condition", other);
                break;
        }

        SigmaLogsourceMapping? mapping = null;
        if (logsource is not null)
        {
            mapping = options.LogsourceMap.Find(logsource);
            if (mapping is null)
            {
                problems.Add(SigmaProblemKind.UnmappedLogsource,
                    $"logsource {logsource} is not mapped to a Detektr event type (mapped: {string.Join("; ", options.LogsourceMap.Mappings)})",
                    Find(document, "logsource"));
            }
            else if (mapping.KnownFields is IReadOnlySet<string> known)
            {
                foreach (string field in referenced.Order(StringComparer.Ordinal))
                {
                    if (!known.Contains(field) && !known.Any(k => field.StartsWith(k + ".", StringComparison.Ordinal)))
                    {
                        problems.Warn($"field '{field}' is not a field of Detektr {mapping.EventType} events, so it always reads as absent",
                            fieldNodes.GetValueOrDefault(field));
                    }
                }
            }
        }

        var metadata = new SigmaRuleMetadata
        {
            Id = id,
            Title = title ?? string.Empty,
            Name = OptionalText(document, "name", problems),
            Status = status,
            Level = level,
            Description = OptionalText(document, "description", problems),
            Author = OptionalText(document, "author", problems),
            Date = OptionalText(document, "date", problems),
            Modified = OptionalText(document, "modified", problems),
            License = OptionalText(document, "license", problems),
            References = TextList(document, "references", problems),
            Tags = [.. TextList(document, "tags", problems).Select(t => new SigmaTag(t))],
            FalsePositives = TextList(document, "falsepositives", problems),
            Fields = TextList(document, "fields", problems),
            Logsource = logsource ?? new SigmaLogsource(null, null, null),
            Source = source,
        };

        if (problems.HasErrors || detection is null || mapping is null)
        {
            return Skip(source, id, title, problems);
        }

        return (new SigmaRule(metadata, mapping, detection, referenced, problems.Problems), null);
    }

    internal static (SigmaRule?, SkippedRule?) Skip(SourcePosition source, string? id, string? title, ProblemSink problems)
    {
        var ordered = problems.Problems
            .OrderBy(p => p.Kind)
            .ThenBy(p => p.Position.Line)
            .ThenBy(p => p.Position.Column)
            .ToList();
        return (null, new SkippedRule(source, id, title, ordered));
    }

    private static SigmaLogsource? ReadLogsource(YamlMappingNode document, YamlNode origin, ProblemSink problems)
    {
        switch (Find(document, "logsource"))
        {
            case YamlMappingNode map:
                string? category = OptionalText(map, "category", problems);
                string? product = OptionalText(map, "product", problems);
                string? service = OptionalText(map, "service", problems);
                if (category is null && product is null && service is null)
                {
                    problems.Invalid("the logsource names no category, product or service", map);
                    return null;
                }

                return new SigmaLogsource(category, product, service);
            case null:
                problems.Invalid("the rule has no logsource", origin);
                return null;
            case YamlNode other:
                problems.Invalid("the logsource must be a map (category, product, service)", other);
                return null;
        }
    }

    private static TEnum? ReadEnum<TEnum>(YamlMappingNode document, string key, ProblemSink problems)
        where TEnum : struct, Enum
    {
        string? text = OptionalText(document, key, problems);
        if (text is null)
        {
            return null;
        }

        if (Enum.TryParse(text.Trim(), ignoreCase: true, out TEnum value) && !int.TryParse(text, out _))
        {
            return value;
        }

        string allowed = string.Join(", ", Enum.GetNames<TEnum>().Select(n => n.ToLowerInvariant()));
        problems.Invalid($"{key} '{text}' is not one of {allowed}", Find(document, key));
        return null;
    }

    internal static YamlNode? Find(YamlMappingNode map, string key)
    {
        foreach (KeyValuePair<YamlNode, YamlNode> entry in map.Children)
        {
            if (entry.Key is YamlScalarNode { Value: string name } && name == key)
            {
                return entry.Value;
            }
        }

        return null;
    }

    private static string? OptionalText(YamlMappingNode map, string key, ProblemSink problems)
    {
        switch (Find(map, key))
        {
            case null:
                return null;
            case YamlScalarNode scalar when RuleScalar.From(scalar).Kind == RuleScalarKind.Null:
                return null;
            case YamlScalarNode scalar:
                return scalar.Value;
            case YamlNode other:
                problems.Invalid($"'{key}' must be a single value, not {ValueCompiler.Describe(other)}", other);
                return null;
        }
    }

    private static string[] TextList(YamlMappingNode map, string key, ProblemSink problems)
    {
        switch (Find(map, key))
        {
            case null:
                return [];
            case YamlScalarNode scalar when RuleScalar.From(scalar).Kind == RuleScalarKind.Null:
                return [];
            case YamlScalarNode scalar:
                return [scalar.Value ?? string.Empty];
            case YamlSequenceNode list when list.Children.All(c => c is YamlScalarNode):
                return [.. list.Children.Cast<YamlScalarNode>().Select(c => c.Value ?? string.Empty)];
            case YamlNode other:
                problems.Invalid($"'{key}' must be a list of values", other);
                return [];
        }
    }
}
