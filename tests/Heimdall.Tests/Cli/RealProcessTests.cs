using Heimdall.Tests.Support;

namespace Heimdall.Tests.Cli;

/// <summary>The built <c>heimdall</c> as a separate process: exit codes, PDF output, and no network in offline mode.</summary>
public class RealProcessTests
{
    [Fact]
    public async Task Renders_a_PDF_whose_text_carries_the_report()
    {
        using var temp = TestPaths.Temp();
        var pdf = temp.Combine("report.pdf");
        var run = await ProcessRunner.HeimdallAsync(null, "scan", TestPaths.Fixture("repo"), "--advisories", TestPaths.Advisories, "--format", "pdf", "--output", pdf, "--offline");
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.True(File.Exists(pdf));
        Assert.StartsWith("%PDF-", File.ReadAllText(pdf)[..5], StringComparison.Ordinal);

        var text = await ProcessRunner.RunAsync("pdftotext", ["-layout", pdf, "-"]);
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("Heimdall scan report", text.Output, StringComparison.Ordinal);
        Assert.Contains("GHSA-35jh-r3h4-6jhm", text.Output, StringComparison.Ordinal);
        Assert.Contains("MAL-2025-1001", text.Output, StringComparison.Ordinal);
        Assert.Contains("Newtonsoft.Json 12.0.3", text.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_offline_scan_opens_no_socket()
    {
        using var temp = TestPaths.Temp();
        var trace = temp.Combine("trace.txt");
        // The runtime's own diagnostics endpoint is a Unix socket; CI runs switch it off as the docs say.
        var environment = new Dictionary<string, string> { ["DOTNET_EnableDiagnostics"] = "0" };
        var args = new[] { "-f", "-e", "trace=socket,connect", "-o", trace, "dotnet", ProcessRunner.HeimdallDll, "scan", TestPaths.Fixture("repo"), "--advisories", TestPaths.Advisories, "--offline", "--format", "sarif" };
        var run = await ProcessRunner.RunAsync("strace", args, environment);
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("\"version\": \"2.1.0\"", run.Output, StringComparison.Ordinal);
        var calls = File.ReadAllLines(trace).Where(l => l.Contains("socket(", StringComparison.Ordinal) || l.Contains("connect(", StringComparison.Ordinal)).ToList();
        Assert.Empty(calls);
    }

    [Fact]
    public async Task Returns_its_exit_codes_to_the_calling_process()
    {
        using var empty = TestPaths.Temp();
        Assert.Equal(2, (await ProcessRunner.HeimdallAsync(null, "scan", "--bogus")).ExitCode);
        Assert.Equal(4, (await ProcessRunner.HeimdallAsync(null, "scan", TestPaths.Fixture("repo"), "--db", empty.Path)).ExitCode);
        Assert.Equal(3, (await ProcessRunner.HeimdallAsync(null, "scan", TestPaths.Fixture("npm", "malformed"), "--advisories", TestPaths.Advisories)).ExitCode);
    }
}
