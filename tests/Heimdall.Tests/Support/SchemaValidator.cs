using System.Text.Json;
using Json.Schema;

namespace Heimdall.Tests.Support;

/// <summary>Validates documents against the bundled published schemas; never fetches anything.</summary>
internal static class SchemaValidator
{
    private static readonly Lazy<(JsonSchema Sarif, JsonSchema CycloneDx, JsonSchema Report)> Schemas = new(Build);

    public static JsonSchema Sarif => Schemas.Value.Sarif;

    public static JsonSchema CycloneDx => Schemas.Value.CycloneDx;

    public static JsonSchema Report => Schemas.Value.Report;

    /// <summary>Returns the validation errors (empty when valid).</summary>
    public static IReadOnlyList<string> Errors(JsonSchema schema, string json)
    {
        using var document = JsonDocument.Parse(json);
        var result = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid)
        {
            return [];
        }

        return (result.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"))
            .DefaultIfEmpty("invalid (no details)")
            .ToList();
    }

    private static (JsonSchema, JsonSchema, JsonSchema) Build()
    {
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        JsonSchema.FromText(File.ReadAllText(TestPaths.Schema("spdx.schema.json")), options);
        JsonSchema.FromText(File.ReadAllText(TestPaths.Schema("jsf-0.82.schema.json")), options);
        var cyclone = JsonSchema.FromText(File.ReadAllText(TestPaths.Schema("bom-1.6.schema.json")), options);
        var sarif = JsonSchema.FromText(File.ReadAllText(TestPaths.Schema("sarif-2.1.0.schema.json")), options);
        var report = JsonSchema.FromText(File.ReadAllText(TestPaths.Schema("heimdall-report-1.schema.json")), options, new Uri("https://heimdall.invalid/heimdall-report-1.schema.json"));
        return (sarif, cyclone, report);
    }
}
