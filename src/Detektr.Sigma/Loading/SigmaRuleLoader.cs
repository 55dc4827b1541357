using Detektr.Sigma.Rules;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Detektr.Sigma.Loading;

/// <summary>
/// Loads Sigma rules from files, directories or text. Every rule either loads, compiled and mapped
/// to a Detektr event type, or is reported as skipped with all its problems and their positions.
/// </summary>
public static class SigmaRuleLoader
{
    /// <summary>
    /// Loads every rule file (<c>.yml</c>, <c>.yaml</c>) under <paramref name="path"/>, in path order,
    /// descending into subdirectories except hidden ones unless <see cref="SigmaLoadOptions.Recursive"/> is off.
    /// A path that is a file is loaded as that one file.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">Neither a directory nor a file exists at <paramref name="path"/>.</exception>
    public static SigmaLoadResult LoadDirectory(string path, SigmaLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= SigmaLoadOptions.Default;
        if (File.Exists(path))
        {
            return LoadFile(path, options);
        }

        if (!Directory.Exists(path))
        {
            throw new DirectoryNotFoundException($"Rule directory '{path}' does not exist.");
        }

        string[] files = [.. EnumerateRuleFiles(path, options).Order(StringComparer.Ordinal)];
        var parsed = new FileResult[files.Length];

        // Files parse independently; results are put back in path order so loading stays deterministic.
        Parallel.For(0, files.Length, i => parsed[i] = ParseFile(files[i], options));
        return Combine(parsed);
    }

    /// <summary>Loads the rules of one file.</summary>
    public static SigmaLoadResult LoadFile(string path, SigmaLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Combine([ParseFile(path, options ?? SigmaLoadOptions.Default)]);
    }

    /// <summary>Loads the rules of YAML text; <paramref name="sourceName"/> names it in positions.</summary>
    public static SigmaLoadResult LoadYaml(string yaml, string sourceName = "<text>", SigmaLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(sourceName);
        return Combine([ParseText(yaml, sourceName, options ?? SigmaLoadOptions.Default)]);
    }

    private static IEnumerable<string> EnumerateRuleFiles(string directory, SigmaLoadOptions options)
    {
        foreach (string file in Directory.EnumerateFiles(directory))
        {
            if (options.Extensions.Any(e => file.EndsWith(e, StringComparison.OrdinalIgnoreCase))
                && !Path.GetFileName(file).StartsWith('.'))
            {
                yield return file;
            }
        }

        if (!options.Recursive)
        {
            yield break;
        }

        foreach (string sub in Directory.EnumerateDirectories(directory))
        {
            if (Path.GetFileName(sub).StartsWith('.'))
            {
                continue;
            }

            foreach (string file in EnumerateRuleFiles(sub, options))
            {
                yield return file;
            }
        }
    }

    private static FileResult ParseFile(string path, SigmaLoadOptions options)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var problems = new ProblemSink(path);
            problems.Add(SigmaProblemKind.MalformedYaml, $"the file cannot be read: {e.Message}", problems.At(null));
            return new FileResult([], [RuleParser.Skip(problems.At(null), null, null, problems).Item2!]);
        }

        return ParseText(text, path, options);
    }

    private static FileResult ParseText(string text, string file, SigmaLoadOptions options)
    {
        var rules = new List<SigmaRule>();
        var skipped = new List<SkippedRule>();
        var fileProblems = new ProblemSink(file);
        var roots = new List<YamlNode>();
        try
        {
            var parser = new Parser(new StringReader(text));
            parser.Consume<StreamStart>();
            while (parser.Accept<DocumentStart>(out _))
            {
                var document = new YamlStream();
                document.Load(new SingleDocumentParser(parser));
                roots.AddRange(document.Documents.Select(d => d.RootNode));
            }

            parser.Consume<StreamEnd>();
        }
        catch (YamlException e)
        {
            // The documents before the broken one still load; the rest of the file cannot be trusted.
            fileProblems.Add(SigmaProblemKind.MalformedYaml, $"invalid YAML: {FirstLine(e.Message)}", fileProblems.At(e.Start));
        }
        catch (ArgumentException e)
        {
            fileProblems.Add(SigmaProblemKind.MalformedYaml, $"invalid YAML: {FirstLine(e.Message)}", fileProblems.At(null));
        }

        foreach ((YamlMappingNode document, YamlNode origin) in RuleCollection.Expand(roots, fileProblems))
        {
            (SigmaRule? rule, SkippedRule? skip) = RuleParser.Parse(document, origin, file, options);
            if (rule is not null)
            {
                rules.Add(rule);
            }
            else if (skip is not null)
            {
                skipped.Add(skip);
            }
        }

        foreach (SigmaProblem problem in fileProblems.Problems)
        {
            skipped.Add(new SkippedRule(problem.Position, null, null, [problem]));
        }

        return new FileResult(rules, skipped);
    }

    private static SigmaLoadResult Combine(IReadOnlyList<FileResult> files)
    {
        var rules = new List<SigmaRule>();
        var skipped = new List<SkippedRule>();
        var ids = new Dictionary<string, SigmaRule>(StringComparer.OrdinalIgnoreCase);
        foreach (FileResult file in files)
        {
            skipped.AddRange(file.Skipped);
            foreach (SigmaRule rule in file.Rules)
            {
                if (rule.Id is string id && ids.TryGetValue(id, out SigmaRule? first))
                {
                    skipped.Add(new SkippedRule(rule.Source, rule.Id, rule.Title,
                    [
                        new SigmaProblem(SigmaProblemKind.DuplicateId, $"id {id} is already used by '{first.Title}' at {first.Source}", rule.Source),
                    ]));
                    continue;
                }

                if (rule.Id is string newId)
                {
                    ids.Add(newId, rule);
                }

                rules.Add(rule);
            }
        }

        return new SigmaLoadResult(rules, skipped, files.Count);
    }

    private static string FirstLine(string message)
    {
        int newline = message.IndexOf('\n', StringComparison.Ordinal);
        return (newline < 0 ? message : message[..newline]).Trim();
    }

    private sealed record FileResult(IReadOnlyList<SigmaRule> Rules, IReadOnlyList<SkippedRule> Skipped);
}
