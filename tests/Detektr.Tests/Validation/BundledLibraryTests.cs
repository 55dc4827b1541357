using System.Diagnostics;
using System.Text.Json;
using Detektr.Tests.TestSupport;

namespace Detektr.Tests.Validation;

/// <summary>The library of validation specs in <c>validations/</c> passes: every spec, every expectation,
/// through the real <c>detektr validate</c> with the JUnit report a CI job would publish.</summary>
public sealed class BundledLibraryTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Every_spec_of_the_bundled_validation_library_passes()
    {
        var clock = Stopwatch.StartNew();
        var result = await CliProcess.RunAsync(_directory.Path,
            ["validate", ValidationHarness.BundledLibrary, "--runs", "runs", "--junit", "report.xml", "--json"]);
        clock.Stop();

        using var report = JsonDocument.Parse(result.Stdout);
        var failures = report.RootElement.GetProperty("Results").EnumerateArray()
            .SelectMany(spec => spec.GetProperty("Expectations").EnumerateArray()
                .Where(e => e.GetProperty("Verdict").GetString() != "passed")
                .Select(e => $"{spec.GetProperty("Name").GetString()}: {e.GetProperty("Name").GetString()}: {e.GetProperty("Summary").GetString()}"))
            .ToList();
        Assert.True(failures.Count == 0, string.Join("\n", failures) + "\n" + result.Stderr);
        Assert.Equal(0, result.ExitCode);
        Assert.True(report.RootElement.GetProperty("Specs").GetInt32() >= 12);
        Assert.True(File.Exists(Path.Combine(_directory.Path, "report.xml")));
        TestContext.Current.SendDiagnosticMessage(
            $"validations/: {report.RootElement.GetProperty("Specs").GetInt32()} specs, {report.RootElement.GetProperty("Expectations").GetInt32()} expectations " +
            $"in {report.RootElement.GetProperty("Seconds").GetDouble():0.0} s of validation, {clock.Elapsed.TotalSeconds:0.0} s with the process");
    }

    [Fact]
    public void Every_bundled_spec_names_its_rules_and_every_rule_loads()
    {
        var library = ValidationHarness.BundledLibrary;
        var loaded = Detektr.Sigma.Loading.SigmaRuleLoader.LoadDirectory(Path.Combine(library, "rules"));

        Assert.Empty(loaded.Skipped);
        Assert.Empty(loaded.Warnings);
        var specs = Detektr.Cli.Validate.ValidationSpecReader.FindSpecs(library).Select(Detektr.Cli.Validate.ValidationSpecReader.Read).ToList();
        Assert.True(specs.Count >= 12);
        Assert.All(specs, s => Assert.Contains(s.AllExpectations, e => e.Expectation is Detektr.Validation.RuleExpectation { MustFire: true }));
        Assert.True(specs.Sum(s => s.Mitigations.Count) >= 3);
    }
}
