using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Detektr.Events;
using Detektr.Runs;
using Detektr.Sigma.Loading;
using Detektr.Sigma.Matching;
using Detektr.Validation;
using Spectre.Console;

namespace Detektr.Cli.Sigma;

/// <summary><c>detektr sigma match --rules DIR --events FILE|RUN_DIR [--json]</c>: which rule matched which
/// events. Over a run directory it also writes the run's <c>detections.jsonl</c>.</summary>
internal static class SigmaMatchCommand
{
    public static Command Create()
    {
        var rules = new Option<string>("--rules") { Description = "Rule file, or directory searched recursively for .yml/.yaml", HelpName = "DIR", Required = true };
        var events = new Option<string>("--events") { Description = "An events.jsonl file, or a run directory", HelpName = "FILE|RUN_DIR", Required = true };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON" };
        var command = new Command("match", "Evaluate Sigma rules over recorded events: rule id, title, level and the sequence numbers each matched")
        {
            rules, events, json,
        };
        command.SetAction(async (parse, _) =>
            await ExecuteAsync(parse.GetValue(rules)!, parse.GetValue(events)!, parse.GetValue(json)).ConfigureAwait(false));
        return command;
    }

    private static async Task<int> ExecuteAsync(string rulesPath, string eventsPath, bool json)
    {
        var runDirectory = RunDirectoryOf(eventsPath);
        var eventsFile = Directory.Exists(eventsPath) ? Path.Combine(eventsPath, EventsReader.FileName) : eventsPath;
        if (!File.Exists(eventsFile))
        {
            await Console.Error.WriteLineAsync(Directory.Exists(eventsPath)
                ? $"detektr: '{eventsPath}' has no {EventsReader.FileName}; is it a run directory?"
                : $"detektr: no events file or run directory at '{eventsPath}'").ConfigureAwait(false);
            return SigmaExitCodes.InvalidInput;
        }

        SigmaLoadResult loaded;
        try
        {
            loaded = SigmaRuleLoader.LoadDirectory(rulesPath);
        }
        catch (DirectoryNotFoundException)
        {
            await Console.Error.WriteLineAsync($"detektr: no rule file or directory at '{rulesPath}'").ConfigureAwait(false);
            return SigmaExitCodes.InvalidInput;
        }

        foreach (var skipped in loaded.Skipped)
        {
            await Console.Error.WriteLineAsync($"detektr: skipped rule {skipped}").ConfigureAwait(false);
        }

        if (loaded.Rules.Count == 0)
        {
            await Console.Error.WriteLineAsync($"detektr: no rule under '{rulesPath}' loaded").ConfigureAwait(false);
            return SigmaExitCodes.InvalidInput;
        }

        SigmaStreamResult result;
        try
        {
            result = SigmaStreamEvaluator.EvaluateJsonLinesFile(loaded.Compile(), eventsFile);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"detektr: cannot read '{eventsFile}': {ex.Message}").ConfigureAwait(false);
            return SigmaExitCodes.InvalidInput;
        }

        string? written = null;
        if (runDirectory is not null)
        {
            var evaluation = SigmaDetectionRules.ToEvaluation(result, ManifestJson.Read(runDirectory).RunId);
            DetectionsLog.Write(runDirectory, evaluation.Detections);
            written = Path.Combine(runDirectory, DetectionsLog.FileName);
        }

        var problems = result.InputErrors.Select(e => $"events: {e}")
            .Concat(result.Rules.SelectMany(r => r.Errors.Select(e => $"{r.Rule.DisplayName}: {e}")))
            .ToList();
        foreach (var problem in problems)
        {
            await Console.Error.WriteLineAsync($"detektr: {problem}").ConfigureAwait(false);
        }

        if (json)
        {
            await Console.Out.WriteLineAsync(Serialize(result, loaded, written)).ConfigureAwait(false);
        }
        else
        {
            Render(result, written);
        }

        return problems.Count == 0 ? SigmaExitCodes.Success : SigmaExitCodes.Findings;
    }

    /// <summary>The run directory the events belong to: the directory given, or the directory of an
    /// <c>events.jsonl</c> that sits beside a manifest.</summary>
    private static string? RunDirectoryOf(string eventsPath)
    {
        var directory = Directory.Exists(eventsPath)
            ? eventsPath
            : Path.GetFileName(eventsPath) == EventsReader.FileName ? Path.GetDirectoryName(Path.GetFullPath(eventsPath)) : null;
        return directory is not null && File.Exists(Path.Combine(directory, "manifest.json")) ? directory : null;
    }

    private static void Render(SigmaStreamResult result, string? written)
    {
        var console = AnsiConsole.Console;
        var fired = result.Fired.ToList();
        if (fired.Count > 0)
        {
            var table = new Table().Title("Matches").AddColumns("Id", "Title", "Level", "Events");
            foreach (var rule in fired)
            {
                table.AddRow(Markup.Escape(rule.Rule.Id ?? "-"), Markup.Escape(rule.Rule.Title), SigmaNames.Of(rule.Rule.Level) ?? "-",
                    Markup.Escape(Sequences(rule.MatchedSequences)));
            }

            console.Write(table);
        }

        console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"{result.Events} event(s), {result.Rules.Count} rule(s), {fired.Count} fired, {fired.Sum(r => r.MatchedSequences.Count)} match(es)")));
        if (written is not null)
        {
            console.MarkupLine(Markup.Escape($"wrote {written}"));
        }
    }

    private static string Sequences(IReadOnlyList<long> sequences) =>
        sequences.Count <= 20
            ? string.Join(", ", sequences)
            : string.Join(", ", sequences.Take(20)) + string.Create(CultureInfo.InvariantCulture, $" … ({sequences.Count} in all)");

    private static string Serialize(SigmaStreamResult result, SigmaLoadResult loaded, string? written)
    {
        var document = new
        {
            result.Events,
            Rules = result.Rules.Count,
            Fired = result.Fired.Select(r => new
            {
                RuleId = r.Rule.Id,
                r.Rule.Title,
                Level = SigmaNames.Of(r.Rule.Level),
                Tags = r.Rule.Metadata.Tags.Select(t => t.Value),
                Sequences = r.MatchedSequences,
            }),
            NotFired = result.Rules.Where(r => !r.Fired).Select(r => new
            {
                RuleId = r.Rule.Id,
                r.Rule.Title,
                r.ApplicableEvents,
                FieldsNeverPresent = r.FieldsNeverPresent.Count == 0 ? null : r.FieldsNeverPresent,
            }),
            Skipped = loaded.Skipped.Select(s => new { Source = s.Source.ToString(), s.Id, s.Title, Kind = s.Kind.ToString(), s.Reason }),
            InputErrors = result.InputErrors.Select(e => e.ToString()),
            Detections = written,
        };
        return JsonSerializer.Serialize(document, JsonOptions.Indented);
    }
}
