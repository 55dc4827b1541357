using System.CommandLine;
using System.Text.Json;
using Detektr.Sigma.Loading;
using Spectre.Console;

namespace Detektr.Cli.Sigma;

/// <summary><c>detektr sigma check --rules DIR [--json]</c>: which rules load, which are skipped and why.</summary>
internal static class SigmaCheckCommand
{
    public static Command Create()
    {
        var rules = new Option<string>("--rules") { Description = "Rule file, or directory searched recursively for .yml/.yaml", HelpName = "DIR", Required = true };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON" };
        var command = new Command("check", "Load Sigma rules and list those loaded, those skipped and why (with file:line:column)") { rules, json };
        command.SetAction(async (parse, _) => await ExecuteAsync(parse.GetValue(rules)!, parse.GetValue(json)).ConfigureAwait(false));
        return command;
    }

    private static async Task<int> ExecuteAsync(string path, bool json)
    {
        SigmaLoadResult loaded;
        try
        {
            loaded = SigmaRuleLoader.LoadDirectory(path);
        }
        catch (DirectoryNotFoundException)
        {
            await Console.Error.WriteLineAsync($"detektr: no rule file or directory at '{path}'").ConfigureAwait(false);
            return SigmaExitCodes.InvalidInput;
        }

        if (loaded.FilesRead == 0)
        {
            await Console.Error.WriteLineAsync($"detektr: no rule files (.yml, .yaml) under '{path}'").ConfigureAwait(false);
            return SigmaExitCodes.InvalidInput;
        }

        if (json)
        {
            await Console.Out.WriteLineAsync(Serialize(loaded)).ConfigureAwait(false);
        }
        else
        {
            Render(loaded);
        }

        return loaded.Skipped.Count == 0 ? SigmaExitCodes.Success : SigmaExitCodes.Findings;
    }

    private static void Render(SigmaLoadResult loaded)
    {
        var console = AnsiConsole.Console;
        if (loaded.Rules.Count > 0)
        {
            var table = new Table().Title("Loaded").AddColumns("Id", "Title", "Level", "Events", "Source");
            foreach (var rule in loaded.Rules)
            {
                table.AddRow(Markup.Escape(rule.Id ?? "-"), Markup.Escape(rule.Title), SigmaNames.Of(rule.Level) ?? "-",
                    Markup.Escape(rule.EventType), Markup.Escape(Relative(rule.Source.ToString())));
            }

            console.Write(table);
        }

        // Skipped rules and warnings read like compiler messages (file:line:column: kind: message), one a
        // line and never wrapped, so that editors and CI logs can jump to them.
        foreach (var skipped in loaded.Skipped)
        {
            var rule = skipped.Id ?? skipped.Title;
            foreach (var problem in skipped.Problems)
            {
                var where = problem.Position.Line > 0 ? problem.Position : skipped.Source;
                Console.Out.WriteLine($"skipped {Relative(where.ToString())}: {problem.Kind}: {problem.Message}" + (rule is null ? string.Empty : $" (rule {rule})"));
            }
        }

        var warnings = loaded.Warnings.ToList();
        foreach (var warning in warnings)
        {
            Console.Out.WriteLine($"warning {Relative(warning.Position.ToString())}: {warning.Message}");
        }

        console.MarkupLine(Markup.Escape(
            $"{loaded.FilesRead} file(s): {loaded.Rules.Count} rule(s) loaded, {loaded.Skipped.Count} skipped, {warnings.Count} warning(s)"));
    }

    /// <summary>A source position with its file relative to the current directory when beneath it.</summary>
    private static string Relative(string position)
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, position);
        return relative.StartsWith("..", StringComparison.Ordinal) ? position : relative;
    }

    private static string Serialize(SigmaLoadResult loaded)
    {
        var document = new
        {
            loaded.FilesRead,
            Loaded = loaded.Rules.Select(r => new
            {
                r.Id,
                r.Title,
                Level = SigmaNames.Of(r.Level),
                Status = SigmaNames.Of(r.Metadata.Status),
                r.EventType,
                Source = r.Source.ToString(),
                Tags = r.Metadata.Tags.Select(t => t.Value),
                Warnings = r.Warnings.Select(w => new { Source = w.Position.ToString(), w.Message }),
            }),
            Skipped = loaded.Skipped.Select(s => new
            {
                Source = s.Source.ToString(),
                s.Id,
                s.Title,
                Kind = s.Kind.ToString(),
                s.Reason,
                Problems = s.Problems.Select(p => new { Kind = p.Kind.ToString(), Source = p.Position.ToString(), p.Message }),
            }),
        };
        return JsonSerializer.Serialize(document, JsonOptions.Indented);
    }
}
