using System.Text.Json;
using Heimdall.Tests.Support;

namespace Heimdall.Tests.Cli;

public class PackagesAndDbCommandTests
{
    [Fact]
    public async Task Lists_one_JSON_object_per_package_occurrence()
    {
        var run = await Support.Cli.RunAsync("packages", TestPaths.Fixture("nuget", "lock"), "--json");
        Assert.True(run.ExitCode == 0, run.ToString());
        using var document = JsonDocument.Parse(run.Output);
        var packages = document.RootElement.GetProperty("packages").EnumerateArray().ToList();
        Assert.Equal(5, packages.Count);
        var first = packages[0];
        Assert.Equal("NuGet", first.GetProperty("ecosystem").GetString());
        Assert.Equal("Newtonsoft.Json", first.GetProperty("name").GetString());
        Assert.Equal("12.0.3", first.GetProperty("version").GetString());
        Assert.Equal("direct", first.GetProperty("kind").GetString());
        Assert.Equal("registry", first.GetProperty("source").GetString());
        Assert.Equal("packages.lock.json", first.GetProperty("file").GetString());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("commit").ValueKind);
        Assert.Equal("project", packages[3].GetProperty("source").GetString());
    }

    [Fact]
    public async Task Exits_3_from_packages_when_something_could_not_be_read()
    {
        var run = await Support.Cli.RunAsync("packages", TestPaths.Fixture("yarn", "malformed"));
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("not understood", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Imports_advisories_and_reports_the_database_age_and_count()
    {
        using var temp = TestPaths.Temp();
        var import = await Support.Cli.RunAsync("db", "import", TestPaths.Advisories, "--db", temp.Path, "--json");
        Assert.Equal(3, import.ExitCode);
        using (var document = JsonDocument.Parse(import.Output))
        {
            Assert.Equal(5, document.RootElement.GetProperty("added").GetInt32());
            Assert.Equal(1, document.RootElement.GetProperty("withdrawn").GetInt32());
            Assert.Equal("broken.json", document.RootElement.GetProperty("rejected")[0].GetProperty("entry").GetString());
        }

        var status = await Support.Cli.RunAtAsync(Support.Cli.Now.AddDays(2), "db", "status", "--db", temp.Path, "--json");
        Assert.True(status.ExitCode == 0, status.ToString());
        using (var document = JsonDocument.Parse(status.Output))
        {
            Assert.Equal(2.0, document.RootElement.GetProperty("age_days").GetDouble());
            Assert.Equal(5, document.RootElement.GetProperty("advisories").GetInt32());
            Assert.Equal(1, document.RootElement.GetProperty("malicious").GetInt32());
        }

        var stale = await Support.Cli.RunAtAsync(Support.Cli.Now.AddDays(30), "db", "status", "--db", temp.Path);
        Assert.Equal(4, stale.ExitCode);
        var missing = await Support.Cli.RunAsync("db", "status", "--db", temp.Combine("nothing"), "--json");
        Assert.Equal(4, missing.ExitCode);
    }

    [Fact]
    public async Task Imports_again_without_losing_advisories_and_removes_withdrawn_ones()
    {
        using var temp = TestPaths.Temp();
        using var source = TestPaths.Temp();
        source.File("a.json", """{"id":"GHSA-aaaa","modified":"2024-01-01T00:00:00Z","affected":[{"package":{"ecosystem":"npm","name":"a"},"ranges":[{"type":"SEMVER","events":[{"introduced":"0"}]}]}]}""");
        source.File("b.json", """{"id":"GHSA-bbbb","modified":"2024-01-01T00:00:00Z","affected":[{"package":{"ecosystem":"npm","name":"b"},"ranges":[{"type":"SEMVER","events":[{"introduced":"0"}]}]}]}""");
        Assert.Equal(0, (await Support.Cli.RunAsync("db", "import", source.Path, "--db", temp.Path)).ExitCode);
        using var update = TestPaths.Temp();
        update.File("b.json", """{"id":"GHSA-bbbb","modified":"2024-02-01T00:00:00Z","withdrawn":"2024-02-01T00:00:00Z"}""");
        var run = await Support.Cli.RunAsync("db", "import", update.Path, "--db", temp.Path, "--json");
        using var document = JsonDocument.Parse(run.Output);
        Assert.Equal(1, document.RootElement.GetProperty("removed").GetInt32());
        Assert.Equal(1, document.RootElement.GetProperty("total").GetInt32());
    }
}
