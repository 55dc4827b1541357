using Detektr.Cli.Sigma;
using Detektr.Cli.Validate;
using Detektr.Detonation;
using Detektr.Tests.TestSupport;
using Detektr.Validation;

namespace Detektr.Tests.Validation;

/// <summary>Writes specs into a temporary directory, reads them with the real reader and runs them in real
/// sandboxes with the real Sigma engine.</summary>
internal static class ValidationHarness
{
    /// <summary>The rules under <c>Validation/Data/rules</c> beside the tests.</summary>
    public static string TestRules => Path.Combine(AppContext.BaseDirectory, "Validation", "Data", "rules");

    /// <summary>The repository's bundled validation library.</summary>
    public static string BundledLibrary => Path.Combine(RepositoryRoot(), "validations");

    public static ValidationSpec Spec(TemporaryDirectory directory, string name, string yaml) =>
        ValidationSpecReader.Read(directory.File(name, yaml));

    public static async Task<ValidationReport> RunAsync(TemporaryDirectory store, params ValidationSpec[] specs)
    {
        using var detonator = new Detonator(new DetonatorOptions { RunsDirectory = Path.Combine(store.Path, "runs") });
        var runner = new ValidationRunner(detonator, new SigmaDetectionEngine(), new ValidationRunnerOptions { DefaultRulesDirectory = TestRules });
        return await runner.RunAsync(specs, TestContext.Current.CancellationToken);
    }

    /// <summary>The one result whose test case name is <paramref name="name"/>.</summary>
    public static ExpectationResult Result(this ValidationReport report, string name) =>
        Assert.Single(report.Specs.SelectMany(s => s.Results), r => r.Name == name);

    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Tracehound.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no Tracehound.slnx above {AppContext.BaseDirectory}");
    }
}
