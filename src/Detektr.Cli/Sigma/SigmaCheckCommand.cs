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
                    Markup.Escape(rule.EventType), Markup.Escape(rule.Source.ToString()));
            }

            console.Write(table);
        }

        if (loaded.Skipped.Count > 0)
        {
            var table = new Table().Title("[red]Skipped[/]").AddColumns("Source", "Rule", "Kind", "Reason");
            foreach (var skipped in loaded.Skipped)
            {
                table.AddRow(Markup.Escape(skipped.Source.ToString()), Markup.Escape(skipped.Id ?? skipped.Title ?? "-"),
                    skipped.Kind.ToString(), Markup.Escape(string.Join("\n", skipped.Problems.Select(p => p.Position.Line > 0 && p.Position != skipped.Source ? $"{p.Position}: {p.Message}" : p.Message))));
            }

            console.Write(table);
        }

        var warnings = loaded.Warnings.ToList();
        foreach (var warning in warnings)
        {
            console.MarkupLine($"[yellow]warning[/] {Markup.Escape(warning.ToString())}");
        }

        console.MarkupLine(Markup.Escape(
            $"{loaded.FilesRead} file(s): {loaded.Rules.Count} rule(s) loaded, {loaded.Skipped.Count} skipped, {warnings.Count} warning(s)"));
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
