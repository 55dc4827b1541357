using FsCheck;
using FsCheck.Fluent;
using Heimdall.Packages;
using Heimdall.Readers;
using Heimdall.Tests.Support;

namespace Heimdall.Tests.Readers;

public class NuGetReaderTests
{
    [Fact]
    public void Reads_packages_lock_json_per_target_framework()
    {
        var file = LockfileScanner.Scan(TestPaths.Fixture("nuget", "lock")).Files.Single();
        Assert.True(file.IsComplete);
        Assert.Equal(["net8.0", "net8.0", "net8.0", "net8.0", "net8.0/linux-x64"], file.Packages.Select(p => p.TargetFramework));
        var newtonsoft = file.Packages.First(p => p.Name == "Newtonsoft.Json");
        Assert.Equal(("12.0.3", DependencyKind.Direct), (newtonsoft.Version, newtonsoft.Kind));
        Assert.StartsWith("6mgjfnRB", newtonsoft.Integrity, StringComparison.Ordinal);
        Assert.Equal(DependencyKind.Transitive, file.Packages.Single(p => p.Name == "Serilog").Kind);
        Assert.Equal(SourceKind.Project, file.Packages.Single(p => p.Name == "MyCompany.Shared").Source);
        Assert.Equal("1.5.0.7", file.Packages.Single(p => p.Name == "Legacy.Widgets").Version);
    }

    [Fact]
    public void Resolves_central_package_versions_and_overrides_for_project_files()
    {
        var files = LockfileScanner.Scan(TestPaths.Fixture("nuget", "cpm")).Files;
        var props = files.Single(f => f.Format == LockfileFormat.CentralPackageVersions);
        Assert.Equal(["Newtonsoft.Json", "Serilog", "xunit", "StyleCop.Analyzers"], props.Packages.Select(p => p.Name));
        Assert.Equal("3.1.1", props.Packages[1].Version);
        var project = files.Single(f => f.Format == LockfileFormat.MsBuildProject);
        Assert.Equal([("Newtonsoft.Json", "12.0.3"), ("Serilog", "3.0.1")], project.Packages.Select(p => (p.Name, p.Version!)));
        Assert.Equal("Not.Declared.Centrally", Assert.Single(project.Unparsed).Entry);
    }

    [Fact]
    public void Expands_properties_ranges_and_child_elements_in_project_files()
    {
        var file = LockfileScanner.Scan(TestPaths.Fixture("nuget", "csproj")).Files.Single();
        var versions = file.Packages.ToDictionary(p => p.Name, p => p.Version);
        Assert.Equal("2.1.28", versions["Dapper"]);
        Assert.Equal("8.2.0", versions["Polly"]);
        Assert.Equal("1.5.0.7", versions["Legacy.Widgets"]);
        Assert.Equal("1.2.0", versions["Range.Lib"]);
        Assert.Equal("1.0.99999999999", versions["Huge.Numbers"]);
        Assert.Equal(DependencyGroups.Dev, file.Packages.Single(p => p.Name == "StyleCop.Analyzers").Groups);
        Assert.Equal(["Floating.Lib", "Undefined.Prop"], file.Unparsed.Select(u => u.Entry));
        Assert.Contains("floating", file.Unparsed[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_packages_config_and_lists_bad_entries()
    {
        var file = LockfileScanner.Scan(TestPaths.Fixture("nuget", "config")).Files.Single();
        Assert.Equal(["jQuery", "Newtonsoft.Json", "Microsoft.CodeDom.Providers.DotNetCompilerPlatform"], file.Packages.Select(p => p.Name));
        Assert.Equal(DependencyGroups.Dev, file.Packages[2].Groups);
        Assert.Equal("net48", file.Packages[0].TargetFramework);
        Assert.Equal(["Broken", "BadVersion"], file.Unparsed.Select(u => u.Entry));
    }

    [Fact]
    public void Lists_each_lockfile_entry_it_could_not_read()
    {
        var file = LockfileScanner.Scan(TestPaths.Fixture("nuget", "malformed-lock")).Files.Single();
        Assert.Equal(["Good.Package"], file.Packages.Select(p => p.Name));
        Assert.Equal(["net8.0 No.Resolved", "net8.0 Bad.Version", "net8.0 Odd.Type", "net8.0 Not.Object", "net9.0"], file.Unparsed.Select(u => u.Entry));
        Assert.Equal(1.0 / 6, file.Coverage, 6);
    }

    [Fact]
    public void Reports_malformed_XML_as_an_unparsed_file()
    {
        var file = LockfileScanner.Scan(TestPaths.Fixture("nuget", "malformed")).Files.Single();
        Assert.Contains("invalid XML", Assert.Single(file.Unparsed).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Walks_a_repository_skipping_installed_and_build_output()
    {
        using var temp = TestPaths.Temp();
        temp.File("app/package-lock.json", """{"lockfileVersion":3,"packages":{"":{},"node_modules/a":{"version":"1.0.0"}}}""");
        temp.File("app/node_modules/b/package-lock.json", """{"lockfileVersion":3,"packages":{}}""");
        temp.File("svc/obj/project.assets.json", "{}");
        temp.File("svc/obj/packages.lock.json", """{"version":1,"dependencies":{}}""");
        temp.File("svc/packages.lock.json", """{"version":1,"dependencies":{}}""");
        var inventory = LockfileScanner.Scan(temp.Path);
        Assert.Equal(["app/package-lock.json", "svc/packages.lock.json"], inventory.Files.Select(f => f.Path));
    }

    [FsCheck.Xunit.Property(MaxTest = 100)]
    public Property Reads_back_every_package_of_a_generated_NuGet_lockfile()
    {
        var package = from name in Gen.Elements("Newtonsoft.Json", "Serilog", "My.Lib", "A", "Z.Last")
                      from version in Heimdall.Tests.Versions.Generators.NuGetText()
                      from direct in Gen.Elements(true, false)
                      select (name, version, direct);
        var frameworks = Gen.SubListOf(new[] { "net8.0", "net9.0", "net8.0/linux-x64" }).Select(l => l.ToList());
        return Prop.ForAll(Arb.From(Gen.ListOf(package).Select(l => l.DistinctBy(p => p.name).ToList())), Arb.From(frameworks), (packages, tfms) =>
        {
            var sections = tfms.ToDictionary(t => t, _ => packages.ToDictionary(
                p => p.name,
                p => (object)new { type = p.direct ? "Direct" : "Transitive", resolved = p.version, contentHash = "AAAA" }));
            var json = System.Text.Json.JsonSerializer.Serialize(new { version = 1, dependencies = sections });
            var inventory = LockfileScanner.Read(json, "/nowhere/packages.lock.json", "packages.lock.json", LockfileFormat.NuGetLock);
            var expected = tfms.SelectMany(t => packages.Select(p => (t, p.name, p.version, p.direct)));
            return inventory.IsComplete
                && inventory.Packages.Select(o => (o.TargetFramework!, o.Name, o.Version!, o.Kind == DependencyKind.Direct)).SequenceEqual(expected);
        });
    }
}
