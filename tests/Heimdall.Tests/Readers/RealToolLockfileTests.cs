using Heimdall.Packages;
using Heimdall.Readers;
using Heimdall.Tests.Support;

namespace Heimdall.Tests.Readers;

/// <summary>Lockfiles written by npm, pnpm 7/8/9, yarn 1 and 4 and dotnet restore for one manifest.</summary>
public class RealToolLockfileTests
{
    public static TheoryData<string, LockfileFormat, string> Tools => new()
    {
        { "npm", LockfileFormat.NpmPackageLock, "3" },
        { "npm2", LockfileFormat.NpmPackageLock, "2" },
        { "npm1", LockfileFormat.NpmPackageLock, "1" },
        { "pnpm9", LockfileFormat.Pnpm, "9.0" },
        { "pnpm6", LockfileFormat.Pnpm, "6.0" },
        { "pnpm5", LockfileFormat.Pnpm, "5.4" },
        { "yarn1", LockfileFormat.YarnClassic, "v1" },
        { "berry", LockfileFormat.YarnBerry, "8" },
    };

    [Theory]
    [MemberData(nameof(Tools))]
    public void Reads_every_entry_and_the_direct_dependencies_with_their_groups(string folder, LockfileFormat format, string version)
    {
        var file = LockfileScanner.Scan(TestPaths.Fixture("real", folder)).Files.Single();
        Assert.Equal((format, version), (file.Format, file.FormatVersion));
        Assert.True(file.IsComplete, string.Join("; ", file.Unparsed.Select(u => $"{u.Entry}: {u.Reason}")));
        Assert.True(file.Packages.Count >= 39);
        var direct = file.Packages.Where(p => p.Kind == DependencyKind.Direct)
            .Select(p => (p.Name, p.Version, p.Groups))
            .Distinct()
            .Order()
            .ToList();
        Assert.Equal(
            [
                ("@babel/code-frame", "7.23.5", DependencyGroups.None),
                ("esbuild", "0.19.12", DependencyGroups.None),
                ("fsevents", "2.3.3", DependencyGroups.Optional),
                ("lodash", "4.17.20", DependencyGroups.None),
                ("minimist", "1.2.5", DependencyGroups.Dev),
            ],
            direct);
        Assert.Contains(file.Packages, p => p.Name == "chalk" && p.Kind == DependencyKind.Transitive);
        Assert.All(file.Packages, p => Assert.Equal(SourceKind.Registry, p.Source));
    }

    [Fact]
    public void Reads_a_restored_NuGet_lockfile_for_two_target_frameworks()
    {
        var files = LockfileScanner.Scan(TestPaths.Fixture("real", "nuget")).Files;
        Assert.All(files, f => Assert.True(f.IsComplete));
        var lockfile = files.Single(f => f.Format == LockfileFormat.NuGetLock);
        Assert.Equal(["net10.0", "net8.0"], lockfile.Packages.Select(p => p.TargetFramework!).Distinct());
        Assert.All(lockfile.Packages, p => Assert.NotNull(p.Integrity));
        var project = files.Single(f => f.Format == LockfileFormat.MsBuildProject);
        Assert.Equal([("Newtonsoft.Json", "12.0.3"), ("YamlDotNet", "16.3.0")], project.Packages.Select(p => (p.Name, p.Version!)));
    }
}

public class RealToolWorkspaceTests
{
    [Theory]
    [InlineData("workspaces-npm")]
    [InlineData("workspaces-pnpm")]
    [InlineData("workspaces-berry")]
    public void Reports_the_workspace_as_a_project_package_and_both_versions_of_its_dependency(string folder)
    {
        var file = LockfileScanner.Scan(TestPaths.Fixture("real", folder)).Files.Single();
        Assert.True(file.IsComplete);
        var packages = file.Packages.Select(p => (p.Name, p.Version, p.Kind, p.Source)).Distinct().Order().ToList();
        Assert.Equal(
            [
                ("ms", "2.0.0", DependencyKind.Direct, SourceKind.Registry),
                ("ms", "2.1.3", DependencyKind.Direct, SourceKind.Registry),
                ("util-ws", folder == "workspaces-npm" ? "0.1.0" : null, DependencyKind.Direct, SourceKind.Project),
            ],
            packages);
    }
}
