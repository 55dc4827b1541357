using System.Text.Json;
using Heimdall.Tests.Support;

namespace Heimdall.Tests.Monitoring;

public class MonitorCommandTests
{
    [Fact]
    public async Task Reports_each_finding_once_and_new_advisories_without_reading_sources_again()
    {
        using var state = TestPaths.Temp();
        using var db = TestPaths.Temp();
        using var project = TestPaths.Temp();
        using var advisories = TestPaths.Temp();
        project.File("packages.lock.json", File.ReadAllText(TestPaths.Fixture("repo", "api", "packages.lock.json")));
        advisories.File("newtonsoft.json", File.ReadAllText(TestPaths.Fixture("advisories", "GHSA-5crp-9r3c-p9vr.json")));
        Assert.Equal(0, (await Support.Cli.RunAsync("db", "import", advisories.Path, "--db", db.Path)).ExitCode);

        var first = await Support.Cli.RunAsync("monitor", "--state", state.Path, project.Path, "--db", db.Path, "--json");
        Assert.True(first.ExitCode == 1, first.ToString());
        Assert.Equal(["GHSA-5crp-9r3c-p9vr"], NewFindings(first.Output));

        var again = await Support.Cli.RunAsync("monitor", "--state", state.Path, "--db", db.Path, "--json");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Empty(NewFindings(again.Output));

        // The sources disappear; the kept package set is still evaluated against a newly imported advisory.
        File.Delete(project.Combine("packages.lock.json"));
        advisories.File("serilog.json", """{"id":"GHSA-seri-log0-0001","modified":"2026-02-01T00:00:00Z","summary":"Log forging in Serilog","database_specific":{"severity":"LOW"},"affected":[{"package":{"ecosystem":"NuGet","name":"serilog"},"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"3.1.2"}]}]}]}""");
        Assert.Equal(0, (await Support.Cli.RunAsync("db", "import", advisories.Path, "--db", db.Path)).ExitCode);
        var later = await Support.Cli.RunAsync("monitor", "--state", state.Path, "--db", db.Path, "--json");
        Assert.Equal(1, later.ExitCode);
        Assert.Equal(["GHSA-seri-log0-0001"], NewFindings(later.Output));
    }

    [Fact]
    public async Task Refuses_an_empty_state_without_a_project_to_monitor()
    {
        using var state = TestPaths.Temp();
        var run = await Support.Cli.RunAsync("monitor", "--state", state.Path, "--advisories", TestPaths.Advisories);
        Assert.Equal(2, run.ExitCode);
    }

    private static List<string> NewFindings(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("projects").EnumerateArray()
            .SelectMany(p => p.GetProperty("new_findings").EnumerateArray())
            .Select(f => f.GetProperty("rule_id").GetString()!)
            .ToList();
    }
}
