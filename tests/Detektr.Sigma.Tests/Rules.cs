using Detektr.Sigma.Events;
using Detektr.Sigma.Loading;
using Detektr.Sigma.Rules;

namespace Detektr.Sigma.Tests;

/// <summary>Builds rules and events for tests from short YAML and field lists.</summary>
internal static class Rules
{
    public static string TestData(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "TestData", .. parts]);

    /// <summary>Loads a rule whose detection section is <paramref name="detection"/> (indented under 'detection:').</summary>
    public static SigmaRule Load(string detection, string category = "process_creation", SigmaLoadOptions? options = null)
    {
        SigmaLoadResult result = SigmaRuleLoader.LoadYaml(Document(detection, category), "test.yml", options);
        if (result.Rules.Count != 1)
        {
            string reasons = string.Join(Environment.NewLine, result.Skipped.SelectMany(s => s.Problems));
            throw new InvalidOperationException($"expected one loaded rule, got {result.Rules.Count}:{Environment.NewLine}{reasons}");
        }

        return result.Rules[0];
    }

    /// <summary>Loads a rule that must be skipped and returns why.</summary>
    public static SkippedRule Skip(string detection, string category = "process_creation")
    {
        SigmaLoadResult result = SigmaRuleLoader.LoadYaml(Document(detection, category), "test.yml");
        Assert.Empty(result.Rules);
        return Assert.Single(result.Skipped);
    }

    public static string Document(string detection, string category = "process_creation")
    {
        string indented = string.Join('\n', detection.Trim('\n').Split('\n').Select(l => "    " + l));
        return $"""
            title: Test rule
            id: 5f0c2c67-7a52-4b6d-9b0e-2f1a1d1c0a01
            status: test
            level: medium
            logsource:
                product: linux
                category: {category}
            detection:
            {indented}
            """;
    }

    /// <summary>An event of <paramref name="eventType"/> with the given fields.</summary>
    public static SigmaEvent Event(string eventType, params (string Name, object? Value)[] fields) =>
        SigmaEvent.FromDictionary([
            new("EventType", eventType),
            new("Sequence", 1L),
            .. fields.Select(f => new KeyValuePair<string, object?>(f.Name, f.Value)),
        ]);

    /// <summary>A process_creation event with the given fields.</summary>
    public static SigmaEvent Process(params (string Name, object? Value)[] fields) => Event("process_creation", fields);

    public static bool Matches(this SigmaRule rule, params (string Name, object? Value)[] fields) => rule.Matches(Process(fields));
}
