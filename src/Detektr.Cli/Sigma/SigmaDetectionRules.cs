using Detektr.Events;
using Detektr.Sigma.Loading;
using Detektr.Sigma.Matching;
using Detektr.Validation;

namespace Detektr.Cli.Sigma;

/// <summary>A loaded, compiled Sigma rule set as the validation runner sees it.</summary>
internal sealed class SigmaDetectionRules : IDetectionRules
{
    private readonly CompiledRuleSet _compiled;

    public SigmaDetectionRules(string source, SigmaLoadResult loaded)
    {
        Source = source;
        Loaded = loaded;
        _compiled = loaded.Compile();
        Rules = loaded.Rules.Select(r => new DetectionRuleInfo(r.Id, r.Title, SigmaNames.Of(r.Level), r.Source.ToString())).ToList();
        Skipped = loaded.Skipped.Select(s => new SkippedDetectionRule(s.Id, s.Title, s.Source.ToString(), $"{s.Kind}: {s.Reason}")).ToList();
    }

    public string Source { get; }

    public SigmaLoadResult Loaded { get; }

    public IReadOnlyList<DetectionRuleInfo> Rules { get; }

    public IReadOnlyList<SkippedDetectionRule> Skipped { get; }

    public DetectionEvaluation Evaluate(string runDirectory)
    {
        var eventsFile = Directory.Exists(runDirectory) ? Path.Combine(runDirectory, EventsReader.FileName) : runDirectory;
        var result = SigmaStreamEvaluator.EvaluateJsonLinesFile(_compiled, eventsFile);
        var runId = Runs.ManifestJson.Read(runDirectory).RunId;
        return ToEvaluation(result, runId);
    }

    /// <summary>The detections of a stream result, by sequence and then rule order, and its problems.</summary>
    public static DetectionEvaluation ToEvaluation(SigmaStreamResult result, string runId)
    {
        var detections = result.Rules
            .SelectMany((rule, order) => rule.MatchedSequences.Select(sequence => (sequence, order, rule.Rule)))
            .OrderBy(m => m.sequence).ThenBy(m => m.order)
            .Select(m => new DetectionRecord
            {
                RunId = runId,
                RuleId = m.Rule.Id,
                Title = m.Rule.Title,
                Level = SigmaNames.Of(m.Rule.Level),
                Tags = m.Rule.Metadata.Tags.Select(t => t.Value).ToList(),
                Sequence = m.sequence,
            })
            .ToList();
        var problems = result.InputErrors.Select(e => $"events: {e}")
            .Concat(result.Rules.SelectMany(r => r.Errors.Select(e => $"{r.Rule.DisplayName}: {e}")))
            .ToList();
        return new DetectionEvaluation(detections, problems);
    }
}
