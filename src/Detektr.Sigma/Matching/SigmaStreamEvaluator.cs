using System.Text.Json;
using Detektr.Sigma.Events;
using Detektr.Sigma.Rules;

namespace Detektr.Sigma.Matching;

/// <summary>
/// Evaluates a rule set over a whole event stream (a run's <c>events.jsonl</c>, or any sequence of
/// events) and reports, per rule, the <c>Sequence</c> numbers of the events it matched.
/// </summary>
public static class SigmaStreamEvaluator
{
    /// <summary>Evaluates every event. An event without a numeric <c>Sequence</c> is reported by its position (1-based).</summary>
    public static SigmaStreamResult Evaluate(CompiledRuleSet rules, IEnumerable<ISigmaEvent> events)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(events);
        var run = new Accumulator(rules);
        long position = 0;
        foreach (ISigmaEvent evt in events)
        {
            position++;
            run.Add(evt, line: 0, position);
        }

        return run.Finish();
    }

    /// <summary>
    /// Reads JSON lines (one event object a line; blank lines ignored) and evaluates each event.
    /// Lines that are not JSON objects are reported in <see cref="SigmaStreamResult.InputErrors"/> and skipped.
    /// </summary>
    public static SigmaStreamResult EvaluateJsonLines(CompiledRuleSet rules, TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(reader);
        var run = new Accumulator(rules);
        long line = 0;
        while (reader.ReadLine() is string text)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            SigmaEvent evt;
            try
            {
                evt = SigmaEvent.FromJson(text);
            }
            catch (JsonException e)
            {
                run.InputError(new SigmaStreamError(line, null, $"not JSON: {e.Message}"));
                continue;
            }
            catch (ArgumentException e)
            {
                run.InputError(new SigmaStreamError(line, null, e.Message));
                continue;
            }

            run.Add(evt, line, line);
        }

        return run.Finish();
    }

    /// <summary>Reads a JSON lines file of events and evaluates each event.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static SigmaStreamResult EvaluateJsonLinesFile(CompiledRuleSet rules, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var reader = new StreamReader(path);
        return EvaluateJsonLines(rules, reader);
    }

    private sealed class Accumulator
    {
        private readonly CompiledRuleSet _set;
        private readonly List<long>[] _matches;
        private readonly long[] _applicable;
        private readonly List<SigmaStreamError>[] _errors;
        private readonly Dictionary<CompiledRuleSet.Bucket, bool[]> _fieldsSeen = [];
        private readonly List<SigmaStreamError> _inputErrors = [];
        private long _events;

        public Accumulator(CompiledRuleSet set)
        {
            _set = set;
            int count = set.Rules.Count;
            _matches = new List<long>[count];
            _errors = new List<SigmaStreamError>[count];
            _applicable = new long[count];
            for (int i = 0; i < count; i++)
            {
                _matches[i] = [];
                _errors[i] = [];
            }
        }

        public void InputError(SigmaStreamError error) => _inputErrors.Add(error);

        public void Add(ISigmaEvent evt, long line, long fallbackSequence)
        {
            _events++;
            long sequence = fallbackSequence;
            if (evt.TryGetField("Sequence", out SigmaValue value) && value.TryGetNumber(out _, out long whole, out bool isWhole) && isWhole)
            {
                sequence = whole;
            }
            else
            {
                _inputErrors.Add(new SigmaStreamError(line, null,
                    $"the event has no integer Sequence; it is reported as {fallbackSequence}, its position in the input"));
            }

            if (!_set.TryGetBucket(evt, out CompiledRuleSet.Bucket? bucket))
            {
                return;
            }

            if (!_fieldsSeen.TryGetValue(bucket, out bool[]? seen))
            {
                seen = new bool[bucket.Fields.Length];
                _fieldsSeen.Add(bucket, seen);
            }

            for (int f = 0; f < seen.Length; f++)
            {
                seen[f] |= evt.TryGetField(bucket.Fields[f], out _);
            }

            for (int r = 0; r < bucket.Rules.Length; r++)
            {
                int index = bucket.Indexes[r];
                SigmaEvaluation result = bucket.Rules[r].EvaluateApplicable(evt);
                switch (result.Outcome)
                {
                    case SigmaOutcome.Match:
                        _applicable[index]++;
                        _matches[index].Add(sequence);
                        break;
                    case SigmaOutcome.NoMatch:
                        _applicable[index]++;
                        break;
                    case SigmaOutcome.Error:
                        _applicable[index]++;
                        _set.CountError();
                        _errors[index].Add(new SigmaStreamError(line, sequence, result.Error ?? "evaluation failed"));
                        break;
                }
            }
        }

        public SigmaStreamResult Finish()
        {
            var results = new SigmaRuleStreamResult[_set.Rules.Count];
            var present = new HashSet<(string EventType, string Field)>();
            foreach ((CompiledRuleSet.Bucket bucket, bool[] seen) in _fieldsSeen)
            {
                for (int f = 0; f < seen.Length; f++)
                {
                    if (seen[f])
                    {
                        present.Add((bucket.Rules[0].EventType, bucket.Fields[f]));
                    }
                }
            }

            for (int i = 0; i < results.Length; i++)
            {
                SigmaRule rule = _set.Rules[i];
                string[] missing = _applicable[i] == 0
                    ? []
                    : [.. rule.ReferencedFields.Where(f => !present.Contains((rule.EventType, f))).Order(StringComparer.Ordinal)];
                results[i] = new SigmaRuleStreamResult(rule, _matches[i], _applicable[i], _errors[i], missing);
            }

            return new SigmaStreamResult(_events, results, _inputErrors);
        }
    }
}
